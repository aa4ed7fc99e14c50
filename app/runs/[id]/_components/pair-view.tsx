"use client";
import { useState } from "react";
import type { GenerationDTO } from "@/lib/db/dto";
import dynamic from "next/dynamic";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Button } from "@/components/ui/button";
import { targetLabel } from "@/lib/providers/labels";
import { getModel } from "@/lib/providers";
import { seedUsed } from "@/lib/results/facts";
import { diffByRole } from "@/components/compare/role-diff";
import { pickPair } from "./pair";

// Loaded when first opened: neither view is needed to show the run.
const AbCompare = dynamic(() => import("@/components/compare/ab-compare").then((m) => m.AbCompare), { ssr: false });
const ParamDiff = dynamic(() => import("@/components/compare/param-diff").then((m) => m.ParamDiff), { ssr: false });

/** Pick any two results: see them A/B (slider or side by side) and diff what was sent. */
export function PairView({ generations, distinct }: { generations: GenerationDTO[]; distinct: Map<string, string> }) {
  const nameOf = (g: GenerationDTO) => [targetLabel(g), distinct.get(g.id)].filter(Boolean).join(" · ");
  const [mode, setMode] = useState<"ab" | "diff" | null>(null);
  const [aId, setA] = useState(generations[0]!.id);
  const [bId, setB] = useState(generations[1]!.id);
  const { a, b } = pickPair(generations, aId, bId);
  const picker = (label: string, value: string, onChange: (id: string) => void) => (
    <div className="grid w-full min-w-0 gap-1.5 sm:w-80">
      <Label htmlFor={`pick-${label}`}>{label}</Label>
      <Select value={value} onValueChange={onChange}>
        {/* min-w-0: a long target name truncates instead of widening the page on a phone. */}
        <SelectTrigger id={`pick-${label}`} className="w-full min-w-0 [&>span]:truncate">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          {generations.map((g) => (
            <SelectItem key={g.id} value={g.id}>
              {nameOf(g)} · seed {seedUsed(g, getModel(g.provider, g.model))}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </div>
  );
  return (
    <section aria-labelledby="pair-heading" className="grid min-w-0 grid-cols-1 gap-4 rounded-lg border p-4">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="pair-heading" className="mr-2 text-sm font-medium">
          Compare two results
        </h2>
        <Button size="sm" variant={mode === "ab" ? "default" : "outline"} aria-pressed={mode === "ab"} onClick={() => setMode(mode === "ab" ? null : "ab")}>
          A/B view
        </Button>
        <Button size="sm" variant={mode === "diff" ? "default" : "outline"} aria-pressed={mode === "diff"} onClick={() => setMode(mode === "diff" ? null : "diff")}>
          Parameter diff
        </Button>
      </div>
      {mode && (
        <>
          <div className="flex flex-wrap gap-4">
            {picker("A", a.id, setA)}
            {picker("B", b.id, setB)}
          </div>
          {mode === "ab" && a.images[0] && b.images[0] && (
            <AbCompare
              a={{ src: a.images[0].url, label: nameOf(a), width: a.images[0].width, height: a.images[0].height }}
              b={{ src: b.images[0].url, label: nameOf(b), width: b.images[0].width, height: b.images[0].height }}
            />
          )}
          {mode === "diff" && (
            <ParamDiff
              diff={diffByRole(
                { generation: a, model: getModel(a.provider, a.model) },
                { generation: b, model: getModel(b.provider, b.model) },
              )}
              a={{ provider: a.provider, model: a.model, seed: a.seed, ...(a.sent ?? a.input) }}
              b={{ provider: b.provider, model: b.model, seed: b.seed, ...(b.sent ?? b.input) }}
              aLabel={nameOf(a)}
              bLabel={nameOf(b)}
            />
          )}
        </>
      )}
    </section>
  );
}
