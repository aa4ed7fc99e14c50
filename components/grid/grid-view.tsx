"use client";
import { useMemo, type ReactNode } from "react";
import { Download, FileArchive } from "lucide-react";
import type { GenerationDTO, RunDTO } from "@/lib/db/dto";
import type { StoredAxis, StoredGrid } from "@/lib/grid/stored";
import { useRun } from "@/lib/client/api";
import { formatDateTime } from "@/lib/format";
import { FavoriteButton } from "@/components/gallery/item-actions";
import { CancelAllButton } from "@/components/generation/cancel-button";
import { Button } from "@/components/ui/button";
import { GridCell } from "./grid-cell";

type AxisValue = StoredAxis["values"][number];

const cellKey = (x: number, y: number, z: number) => `${x},${y},${z}`;

/** A grid run: one table per Z value, X across and Y down, cells filling in live; with the PNG and zip exports. */
export function GridView({ initial, spec, modelLabel }: { initial: RunDTO; spec: StoredGrid; modelLabel: string }) {
  const { data } = useRun(initial.id, initial);
  const run = data ?? initial;
  const byCell = useMemo(() => {
    const map = new Map<string, GenerationDTO>();
    for (const g of run.generations) if (g.cell) map.set(cellKey(g.cell.x, g.cell.y ?? 0, g.cell.z ?? 0), g);
    return map;
  }, [run.generations]);
  const [xAxis, yAxis, zAxis] = spec.axes;
  const xs = xAxis?.values ?? [];
  const ys = yAxis?.values ?? [{ label: "", value: null }];
  const zs = zAxis?.values ?? [{ label: "", value: null }];
  const nameOf = (x: number, y: number, z: number) =>
    [xAxis && `${xAxis.name} ${xs[x]?.label}`, yAxis && `${yAxis.name} ${ys[y]?.label}`, zAxis && `${zAxis.name} ${zs[z]?.label}`].filter(Boolean).join(", ");
  const cellAt = (x: number, y: number, z: number) => {
    const g = byCell.get(cellKey(x, y, z));
    return <GridCell g={g} name={nameOf(x, y, z)} notes={g ? (spec.notes[String(g.position)] ?? []) : []} />;
  };

  return (
    <main id="main" tabIndex={-1} className="mx-auto grid max-w-[1600px] gap-5 p-4 outline-none lg:p-6">
      <GridRunHeader run={run} spec={spec} modelLabel={modelLabel} />
      {zs.map((zv, z) => (
        <section key={z} aria-label={zAxis ? `${zAxis.name}: ${zv.label}` : "Grid"} className="grid gap-2">
          {zAxis && (
            <h2 className="text-sm font-medium">
              {zAxis.name}: {zv.label}
            </h2>
          )}
          <GridTable xAxis={xAxis} yAxis={yAxis} xs={xs} ys={ys} cellAt={(x, y) => cellAt(x, y, z)} />
        </section>
      ))}
    </main>
  );
}

function GridRunHeader({ run, spec, modelLabel }: { run: RunDTO; spec: StoredGrid; modelLabel: string }) {
  const done = run.generations.filter((g) => g.status === "succeeded").length;
  const failed = run.generations.filter((g) => g.status === "failed").length;
  const unfinished = run.generations.length - done - failed;
  return (
    <header className="grid gap-2">
      <p className="text-muted-foreground text-xs">
        X/Y/Z grid · {spec.axes.map((a) => a.values.length).join(" × ")} · {modelLabel} · {formatDateTime(run.createdAt)}
      </p>
      <h1 className="max-w-4xl text-base leading-relaxed font-medium">{run.prompt}</h1>
      <p className="text-sm" role="status" data-testid="grid-progress">
        {done} of {run.generations.length} done{failed > 0 ? `, ${failed} failed` : ""}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button size="sm" asChild>
          <a href={`/api/grid/${run.id}/png`} download>
            <Download aria-hidden /> Grid PNG
          </a>
        </Button>
        <Button size="sm" variant="outline" asChild>
          <a href={`/api/grid/${run.id}/zip`} download>
            <FileArchive aria-hidden /> Every cell (zip)
          </a>
        </Button>
        <FavoriteButton runId={run.id} favorite={run.favorite} />
        {/* Queued cells are never sent once cancelled; running ones are cancelled at the provider. */}
        <CancelAllButton runId={run.id} unfinished={unfinished} minimum={1} />
      </div>
    </header>
  );
}

/** One Z slice: X values across, Y values down. */
function GridTable({
  xAxis,
  yAxis,
  xs,
  ys,
  cellAt,
}: {
  xAxis: StoredAxis | undefined;
  yAxis: StoredAxis | undefined;
  xs: AxisValue[];
  ys: AxisValue[];
  cellAt: (x: number, y: number) => ReactNode;
}) {
  return (
    <div className="overflow-x-auto pb-2">
      <table className="border-separate border-spacing-2">
        <thead>
          <tr>
            <th scope="col" className="text-muted-foreground text-left align-bottom text-xs font-normal">
              {yAxis ? `${yAxis.name} ↓ / ${xAxis?.name} →` : `${xAxis?.name} →`}
            </th>
            {xs.map((xv, x) => (
              <th key={x} scope="col" className="max-w-56 min-w-32 text-left align-bottom text-xs font-medium break-words">
                {xv.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ys.map((yv, y) => (
            <tr key={y}>
              <th scope="row" className="max-w-32 text-left align-top text-xs font-medium break-words">
                {yv.label}
              </th>
              {xs.map((_, x) => (
                <td key={x} className="w-56 min-w-32 align-top">
                  {cellAt(x, y)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
