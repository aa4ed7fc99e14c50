"use client";

import { useController } from "react-hook-form";

import { Input } from "@/components/ui/input";
import { Slider } from "@/components/ui/slider";
import { cn } from "@/lib/utils";
import type { SliderFieldDescriptor } from "@/lib/params/descriptors";
import { describedBy, FieldShell, useFieldError, useFieldIds } from "./field-shell";
import { formatRange, readNumberInput } from "./number-value";

/**
 * A slider for the hand and a number box for the keyboard, bound to one value. The number box carries the
 * field's accessible name and is the tab stop; the slider thumb is taken out of the tab order and the
 * accessibility tree so the field has one control per label (`getByLabel("Steps")` finds exactly one). It still
 * answers arrow keys once clicked, as Radix handles keys on the slider root.
 */
export function SliderField({ descriptor, disabled }: { descriptor: SliderFieldDescriptor; disabled?: boolean }) {
  const { name, label, help, placeholder, min, max, step, int, defaultValue } = descriptor;
  const {
    field: { ref, value: raw, onChange, onBlur },
  } = useController({ name, shouldUnregister: !!descriptor.showWhen });
  const error = useFieldError(name);
  const { id, helpId, errorId } = useFieldIds();
  const value = typeof raw === "number" && Number.isFinite(raw) ? raw : undefined;
  const unset = value === undefined;
  const shown = value ?? (typeof defaultValue === "number" ? defaultValue : min);
  const range = formatRange(min, max);

  return (
    <FieldShell
      id={id}
      label={label}
      help={help}
      helpId={helpId}
      error={error}
      errorId={errorId}
      aside={unset ? `default · ${range}` : range}
    >
      {/* Fixed columns and height: the slider's place does not wait for the number box to be parsed (a layout shift). */}
      <div className="grid h-8 grid-cols-[minmax(0,1fr)_5rem] items-center gap-3">
        <Slider
          value={[Math.min(max, Math.max(min, shown))]}
          onValueChange={([v]) => onChange(v)}
          min={min}
          max={max}
          step={step}
          disabled={disabled}
          aria-hidden
          className={cn(unset && "opacity-60")}
          thumbProps={{ tabIndex: -1, onBlur: onBlur }}
        />
        <Input
          id={id}
          ref={ref}
          name={name}
          type="number"
          inputMode={int ? "numeric" : "decimal"}
          value={value ?? ""}
          onChange={(e) => onChange(readNumberInput(e.currentTarget))}
          onBlur={onBlur}
          min={min}
          max={max}
          step={step}
          disabled={disabled}
          placeholder={placeholder ?? "default"}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(help && helpId, error && errorId)}
          className="h-8 px-2 text-right tabular-nums"
        />
      </div>
    </FieldShell>
  );
}
