"use client";
import { sizePresets } from "@/lib/compare/shared";
import { seedFromDigits } from "@/lib/params/seed-digits";
import type { SuiteShared } from "@/lib/suites/plan";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";

const presetNames = Object.keys(sizePresets) as (keyof typeof sizePresets)[];

/** An optional whole number from a text box: empty means "each model's default". */
const optionalNumber = (raw: string): number | undefined => (raw.trim() === "" ? undefined : Number(raw));
/** A seed keeps every digit: past 2^53 as its digits, where a number would round (lib/params/wide-seed.ts). */
const optionalSeed = (raw: string): number | string | undefined => seedFromDigits(raw) ?? optionalNumber(raw);

/** The values written once for every prompt and target (the comparison's, without the prompt). */
export function SharedFields({ value, onChange }: { value: SuiteShared; onChange: (v: SuiteShared) => void }) {
  const set = (patch: Partial<SuiteShared>) => onChange({ ...value, ...patch });
  const size = typeof value.size === "string" ? value.size : "1:1";
  return (
    <fieldset className="grid min-w-0 grid-cols-1 gap-3">
      <legend className="mb-1.5 text-sm font-medium">Shared values</legend>
      {/* Size takes a row of its own on a phone and a double column beside the numbers from sm up; every cell is
          minmax(0, …) and every control w-full, so a field never grows into its neighbour. */}
      <div className="grid grid-cols-3 gap-3 sm:grid-cols-[minmax(0,2fr)_repeat(3,minmax(0,1fr))]">
        <div className="col-span-3 grid min-w-0 gap-1.5 sm:col-span-1">
          <Label htmlFor="suite-size">Size</Label>
          <select
            id="suite-size"
            value={size}
            onChange={(e) => set({ size: e.target.value as keyof typeof sizePresets })}
            className="border-input dark:bg-input/30 focus-visible:border-ring focus-visible:ring-ring h-9 w-full min-w-0 rounded-md border bg-transparent px-2 text-sm outline-none focus-visible:ring-2"
          >
            {presetNames.map((name) => (
              <option key={name} value={name}>
                {name} ({sizePresets[name].width}×{sizePresets[name].height})
              </option>
            ))}
          </select>
        </div>
        <NumberField id="suite-seed" label="Seed" placeholder="random" value={value.seed} read={optionalSeed} onChange={(seed) => set({ seed })} />
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

function NumberField<T extends number | string>(props: {
  id: string;
  label: string;
  placeholder: string;
  step?: number;
  value: T | undefined;
  read?: (raw: string) => T | undefined;
  onChange: (v: T | undefined) => void;
}) {
  return (
    <div className="grid min-w-0 gap-1.5">
      <Label htmlFor={props.id}>{props.label}</Label>
      <Input
        id={props.id}
        type="number"
        inputMode="decimal"
        min={0}
        step={props.step ?? 1}
        placeholder={props.placeholder}
        // No spin buttons: at 360 px they left "random" and "default" cut to "rando" and "defaul".
        className="[appearance:textfield] px-2 [&::-webkit-inner-spin-button]:appearance-none [&::-webkit-outer-spin-button]:appearance-none"
        value={props.value ?? ""}
        onChange={(e) => props.onChange((props.read ?? (optionalNumber as (raw: string) => T | undefined))(e.target.value))}
      />
    </div>
  );
}
