"use client";

import { useController } from "react-hook-form";

import { Input } from "@/components/ui/input";
import type { NumberFieldDescriptor } from "@/lib/params/descriptors";
import { describedBy, FieldShell, useFieldError, useFieldIds } from "./field-shell";
import { formatRange, readNumberInput } from "./number-value";

export function NumberField({ descriptor, disabled }: { descriptor: NumberFieldDescriptor; disabled?: boolean }) {
  const { name, label, help, placeholder, min, max, step, int, defaultValue } = descriptor;
  const {
    field: { ref, value: raw, onChange, onBlur },
  } = useController({ name, shouldUnregister: !!descriptor.showWhen });
  const error = useFieldError(name);
  const { id, helpId, errorId } = useFieldIds();
  const value = typeof raw === "number" && Number.isFinite(raw) ? raw : "";

  return (
    <FieldShell
      id={id}
      label={label}
      help={help}
      helpId={helpId}
      error={error}
      errorId={errorId}
      aside={formatRange(min, max)}
    >
      <Input
        id={id}
        ref={ref}
        name={name}
        type="number"
        inputMode={int ? "numeric" : "decimal"}
        value={value}
        onChange={(e) => onChange(readNumberInput(e.currentTarget))}
        onBlur={onBlur}
        min={min}
        max={max}
        step={step ?? "any"}
        disabled={disabled}
        placeholder={placeholder ?? (defaultValue !== undefined ? `Default: ${String(defaultValue)}` : undefined)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(help && helpId, error && errorId)}
        className="tabular-nums"
      />
    </FieldShell>
  );
}
