"use client";
import type { GridModelOption } from "@/lib/grid/options";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import type { GridDraftFields } from "./use-grid-draft";

/** What every cell shares: the model, the prompt, and the negative prompt and seed when the model takes them. */
export function GridBaseFields({ models, fields }: { models: GridModelOption[]; fields: GridDraftFields }) {
  return (
    <>
      <ModelSelect models={models} value={fields.modelKey} onChange={fields.changeModel} />
      <div className="grid gap-1.5">
        <Label htmlFor="prompt">Prompt</Label>
        <Textarea id="prompt" rows={3} value={fields.prompt} onChange={(e) => fields.setPrompt(e.target.value)} />
      </div>
      <NegativeAndSeed fields={fields} />
    </>
  );
}

function ModelSelect({ models, value, onChange }: { models: GridModelOption[]; value: string; onChange: (key: string) => void }) {
  return (
    <div className="grid min-w-0 grid-cols-1 gap-1.5">
      <Label htmlFor="grid-model">Model</Label>
      <Select value={value} onValueChange={onChange}>
        {/* min-w-0 and truncate: a long provider and model name ends in "…" instead of widening the page on a phone. */}
        <SelectTrigger id="grid-model" className="min-w-0 [&>span]:min-w-0 [&>span]:truncate">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          {models.map((m) => (
            <SelectItem key={m.key} value={m.key} disabled={m.mode === "missing"}>
              <span className="truncate">
                {m.providerLabel} · {m.label}
                {m.mode === "missing" ? ` (set ${m.keyEnv})` : m.mode === "emulated" ? " (emulated)" : ""}
              </span>
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </div>
  );
}

function NegativeAndSeed({ fields: { model, negative, seed, setNegative, setSeed } }: { fields: GridDraftFields }) {
  return (
    <div className="grid grid-cols-1 gap-4 sm:grid-cols-[minmax(0,1fr)_14rem]">
      {model.negativePromptField ? (
        <div className="grid gap-1.5">
          <Label htmlFor="grid-negative">Negative prompt</Label>
          <Input id="grid-negative" value={negative} placeholder="The model's default" onChange={(e) => setNegative(e.target.value)} />
        </div>
      ) : (
        <p className="text-muted-foreground self-end text-xs">This model takes no negative prompt.</p>
      )}
      {model.seedField && (
        <div className="grid gap-1.5">
          <Label htmlFor="grid-seed">Seed</Label>
          <Input id="grid-seed" inputMode="numeric" value={seed} placeholder="One random seed for all" onChange={(e) => setSeed(e.target.value)} />
        </div>
      )}
    </div>
  );
}
