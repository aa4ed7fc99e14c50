import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getRun } from "@/lib/db/runs";
import { targetLabel } from "@/lib/providers/labels";
import { parityReport, type ParityPair } from "@/lib/parity/report";
import { parityCaveat, parityMethod, parityThresholds } from "@/lib/parity/copy";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Parity report" };

/** The per-run parity report: every scored pair, the thresholds and what the labels can and cannot tell. */
export default async function ParityPage({ params }: { params: Promise<{ id: string }> }) {
  const run = await getRun((await params).id);
  if (!run) notFound();
  const report = await parityReport(run);
  return (
    <main id="main" tabIndex={-1} className="mx-auto grid w-full max-w-5xl min-w-0 grid-cols-1 gap-5 p-4 outline-none lg:p-6">
      <header className="grid gap-1">
        <p className="text-muted-foreground text-xs">
          <Link href={`/runs/${run.id}`} className="hover:text-foreground underline underline-offset-2">
            Back to the run
          </Link>
        </p>
        <h1 className="text-lg font-semibold">Parity report</h1>
        <p className="max-w-3xl text-sm">{run.prompt}</p>
      </header>
      <p role="note" className="max-w-3xl rounded-md border bg-amber-500/10 px-3 py-2 text-sm">
        {parityCaveat}
      </p>
      {report.pairs.length === 0 ? (
        <p className="text-sm">
          {!report.possible
            ? "This run has no two providers serving the same model family, so there is nothing to compare."
            : report.unfinished > 0
              ? `No pair to score yet: ${report.unfinished} generations are unfinished. Reload once their images are in.`
              : "No two images share model family, seed and size, both live or both emulated (a seed is needed, and sizes must match; in a grid, so must the values on the other axes)."}
        </p>
      ) : (
        <>
          {/* A phone gets each pair as a card, verdict first: a table wide enough for its columns would hide them. */}
          <ul className="grid gap-3 sm:hidden" aria-label="Image pairs">
            {report.pairs.map((p) => (
              <PairCard key={`${p.a.image.id}-${p.b.image.id}`} pair={p} />
            ))}
          </ul>
          {/* From a small tablet up, a table, scrolling sideways in its own box when narrow; focusable to scroll by keyboard. */}
          <div
            role="region"
            aria-label="Image pairs, as a table"
            tabIndex={0}
            className="focus-visible:ring-ring hidden max-w-full min-w-0 overflow-x-auto rounded-md outline-none focus-visible:ring-2 sm:block"
          >
            <table className="w-full min-w-[40rem] text-sm" aria-label="Parity of image pairs">
              <thead className="text-muted-foreground text-left text-xs">
                <tr>
                  <th className="py-1 pr-3 font-medium">Images</th>
                  <th className="py-1 pr-3 font-medium">Same</th>
                  <th className="py-1 pr-3 font-medium">Verdict</th>
                  <th className="py-1 pr-3 font-medium">pHash distance</th>
                  <th className="py-1 pr-3 font-medium">SSIM</th>
                  <th className="py-1 font-medium">Identical pixels</th>
                </tr>
              </thead>
              <tbody>
                {report.pairs.map((p) => (
                  <PairRow key={`${p.a.image.id}-${p.b.image.id}`} pair={p} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <section className="text-muted-foreground grid gap-1 text-xs" aria-label="How parity is scored">
        <p>{parityMethod}</p>
        <ul className="list-disc pl-5">
          {parityThresholds.map((t) => (
            <li key={t.label}>
              <span className="text-foreground font-medium">{t.label}</span>: {t.meaning}
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}

function PairImages({ pair: p }: { pair: ParityPair }) {
  return (
    <div className="flex gap-2">
      {[p.a, p.b].map((side) => (
        <figure key={side.image.id} className="grid w-28 gap-1">
          {/* eslint-disable-next-line @next/next/no-img-element -- our own stored thumbnail */}
          <img src={side.image.thumbUrl} alt={`${targetLabel(side.generation)} image ${side.image.index + 1}`} width={112} height={Math.round((112 * side.image.height) / side.image.width)} className="rounded border" />
          <figcaption className="text-xs leading-tight">{targetLabel(side.generation)}</figcaption>
        </figure>
      ))}
    </div>
  );
}

function PairCard({ pair: p }: { pair: ParityPair }) {
  const facts: [string, string][] = [
    ["pHash distance", `${p.score.phashDistance} / 64`],
    ["SSIM", p.score.ssim.toFixed(4)],
    ["Identical pixels", p.score.identical ? "yes" : "no"],
    ["Same", `${p.family} · seed ${p.seed} · ${p.width}×${p.height}`],
  ];
  return (
    <li className="grid gap-2 border-t pt-3" data-label={p.score.label}>
      <p className="font-medium">{p.score.label}</p>
      <PairImages pair={p} />
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
        {facts.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="text-muted-foreground">{term}</dt>
            <dd className="min-w-0 break-words">{value}</dd>
          </div>
        ))}
      </dl>
    </li>
  );
}

function PairRow({ pair: p }: { pair: ParityPair }) {
  return (
    <tr className="border-t align-top" data-label={p.score.label}>
      <td className="py-2 pr-3">
        <PairImages pair={p} />
      </td>
      <td className="py-2 pr-3 text-xs">
        {p.family} · seed {p.seed} · {p.width}×{p.height}
      </td>
      <td className="py-2 pr-3 font-medium">{p.score.label}</td>
      <td className="py-2 pr-3 font-mono tabular-nums">{p.score.phashDistance} / 64</td>
      <td className="py-2 pr-3 font-mono tabular-nums">{p.score.ssim.toFixed(4)}</td>
      <td className="py-2">{p.score.identical ? "yes" : "no"}</td>
    </tr>
  );
}
