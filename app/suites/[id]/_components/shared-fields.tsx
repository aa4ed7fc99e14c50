"use client";
import { sizePresets } from "@/lib/compare/shared";
import type { SuiteShared } from "@/lib/suites/plan";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";

const presetNames = Object.keys(sizePresets) as (keyof typeof sizePresets)[];

/** An optional whole number from a text box: empty means "each model's default". */
const optionalNumber = (raw: string): number | undefined => (raw.trim() === "" ? undefined : Number(raw));

/** The values written once for every prompt and target (the comparison's, without the prompt). */
export function SharedFields({ value, onChange }: { value: SuiteShared; onChange: (v: SuiteShared) => void }) {
  const set = (patch: Partial<SuiteShared>) => onChange({ ...value, ...patch });
  const size = typeof value.size === "string" ? value.size : "1:1";
  return (
    <fieldset className="grid gap-3">
      <legend className="mb-1.5 text-sm font-medium">Shared values</legend>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <div className="grid gap-1.5">
          <Label htmlFor="suite-size">Size</Label>
          <select
            id="suite-size"
            value={size}
            onChange={(e) => set({ size: e.target.value as keyof typeof sizePresets })}
            className="border-input dark:bg-input/30 h-9 rounded-md border bg-transparent px-2 text-sm"
          >
            {presetNames.map((name) => (
              <option key={name} value={name}>
                {name} ({sizePresets[name].width}×{sizePresets[name].height})
              </option>
            ))}
          </select>
        </div>
        <NumberField id="suite-seed" label="Seed" placeholder="random" value={value.seed} onChange={(seed) => set({ seed })} />
        <NumberField id="suite-steps" label="Steps" placeholder="default" value={value.steps} onChange={(steps) => set({ steps })} />
        <NumberField id="suite-cfg" label="CFG" placeholder="default" step={0.1} value={value.cfg} onChange={(cfg) => set({ cfg })} />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="suite-negative">Negative prompt</Label>
        <Textarea
          id="suite-negative"
          value={value.negativePrompt ?? ""}
          onChange={(e) => set({ negativePrompt: e.target.value === "" ? undefined : e.target.value })}
          className="min-h-10"
          maxLength={4000}
        />
      </div>
    </fieldset>
  );
}

function NumberField(props: { id: string; label: string; placeholder: string; step?: number; value: number | undefined; onChange: (v: number | undefined) => void }) {
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={props.id}>{props.label}</Label>
      <Input
        id={props.id}
        type="number"
        inputMode="decimal"
        min={0}
        step={props.step ?? 1}
        placeholder={props.placeholder}
        value={props.value ?? ""}
        onChange={(e) => props.onChange(optionalNumber(e.target.value))}
      />
    </div>
  );
}
