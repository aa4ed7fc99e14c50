"use client";

import { useController } from "react-hook-form";

import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { LazySelect, type SelectSection } from "@/components/ui/lazy-select";
import type { DimensionConstraints, SizeFieldDescriptor, SizePreset } from "@/lib/params/descriptors";
import { describedBy, FieldShell, useFieldError, useFieldIds } from "./field-shell";
import { formatRange, readNumberInput, snapToStep } from "./number-value";
import { UNSET } from "./select-field";

const CUSTOM = "__custom__";

interface Dimensions {
  width?: number | undefined;
  height?: number | undefined;
}

const isDimensions = (v: unknown): v is Dimensions => typeof v === "object" && v !== null && !Array.isArray(v);

function presetText(p: SizePreset): string {
  return p.width !== undefined && p.height !== undefined ? `${p.label} · ${p.width}×${p.height}` : p.label;
}

/** Starting point for "Custom…": the preset that was selected, fitted to the custom constraints. */
function initialCustom(preset: SizePreset | undefined, custom: NonNullable<SizeFieldDescriptor["custom"]>) {
  const fit = (n: number | undefined, c: DimensionConstraints) =>
    snapToStep(Math.min(c.max ?? Infinity, Math.max(c.min ?? 0, n ?? 1024)), c.min, c.max, c.step);
  return { width: fit(preset?.width, custom.width), height: fit(preset?.height, custom.height) };
}

function sizeSections(presets: SizePreset[], offerUnset: boolean, offerCustom: boolean): SelectSection[] {
  return [
    ...(offerUnset ? [{ key: "unset", options: [{ value: UNSET, label: "Not set", muted: true }] }] : []),
    { key: "presets", separator: true, options: presets.map((p) => ({ value: p.value, label: presetText(p) })) },
    ...(offerCustom ? [{ key: "custom", separator: presets.length > 0, options: [{ value: CUSTOM, label: "Custom…" }] }] : []),
  ];
}

/** A preset (stored as its string) or "Custom…" (stored as `{ width, height }`). */
export function SizeField({ descriptor, disabled }: { descriptor: SizeFieldDescriptor; disabled?: boolean }) {
  const { name, label, help, placeholder, presets, custom, required, defaultValue } = descriptor;
  const {
    field: { ref, value: raw, onChange, onBlur },
  } = useController({ name, shouldUnregister: !!descriptor.showWhen });
  const error = useFieldError(name);
  const { id, helpId, errorId } = useFieldIds();
  const offerUnset = !required && defaultValue === undefined;

  const value: unknown = raw;
  const preset = typeof value === "string" ? presets.find((p) => p.value === value) : undefined;
  const isCustom = custom !== undefined && isDimensions(value);
  const key = preset ? preset.value : isCustom ? CUSTOM : offerUnset ? UNSET : "";
  const defaultPreset = presets.find((p) => p.value === defaultValue);

  const onSelect = (next: string) => {
    // Radix can report "" when the surrounding form resets; that is not a user choice.
    if (next === "") return;
    if (next === CUSTOM && custom) onChange(isCustom ? value : initialCustom(preset, custom));
    else if (next === UNSET) onChange(undefined);
    else onChange(next);
  };

  return (
    <FieldShell id={id} label={label} help={help} helpId={helpId} error={error} errorId={errorId}>
      <LazySelect
        id={id}
        ref={ref}
        onBlur={onBlur}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(help && helpId, error && errorId)}
        value={key}
        onValueChange={onSelect}
        disabled={disabled}
        placeholder={placeholder ?? (defaultPreset ? `Default (${presetText(defaultPreset)})` : "Select…")}
        sections={sizeSections(presets, offerUnset, custom !== undefined)}
      >
        {preset ? presetText(preset) : isCustom ? "Custom" : offerUnset ? "Not set" : undefined}
      </LazySelect>
      {isCustom && custom && (
        <div className="grid grid-cols-2 gap-3">
          <DimensionInput
            name={`${name}.width`}
            label="Width"
            value={value.width}
            constraints={custom.width}
            disabled={disabled}
            onChange={(width) => onChange({ ...value, width })}
          />
          <DimensionInput
            name={`${name}.height`}
            label="Height"
            value={value.height}
            constraints={custom.height}
            disabled={disabled}
            onChange={(height) => onChange({ ...value, height })}
          />
        </div>
      )}
    </FieldShell>
  );
}

interface DimensionInputProps {
  name: string;
  label: string;
  value: unknown;
  constraints: DimensionConstraints;
  disabled?: boolean | undefined;
  onChange: (value: number | undefined) => void;
}

function DimensionInput({ name, label, value, constraints, disabled, onChange }: DimensionInputProps) {
  const error = useFieldError(name);
  const { id, helpId, errorId } = useFieldIds();
  const { min, max, step } = constraints;
  const range = formatRange(min, max);
  const hint = [range && `${range} px`, step > 1 && `multiple of ${step}`].filter(Boolean).join(", ");

  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id} className="text-xs font-normal text-muted-foreground">
        {label}
      </Label>
      <Input
        id={id}
        name={name}
        type="number"
        inputMode="numeric"
        value={typeof value === "number" && Number.isFinite(value) ? value : ""}
        onChange={(e) => onChange(readNumberInput(e.currentTarget))}
        min={min}
        max={max}
        step={step}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint && helpId, error && errorId)}
        className="tabular-nums"
      />
      {hint && (
        <span id={helpId} className="sr-only">
          {hint}
        </span>
      )}
      {error && (
        <p id={errorId} role="alert" className="text-xs leading-snug font-medium text-destructive">
          {error}
        </p>
      )}
    </div>
  );
}
