"use client";

import { useController } from "react-hook-form";

import { Input } from "@/components/ui/input";
import type { NumberFieldDescriptor } from "../describe";
import { describedBy, FieldShell, useFieldError, useFieldIds } from "./field-shell";
import { formatRange, readNumberInput } from "./number-value";

export function NumberField({ descriptor, disabled }: { descriptor: NumberFieldDescriptor; disabled?: boolean }) {
  const { name, label, help, placeholder, min, max, step, int, defaultValue } = descriptor;
  const { field } = useController({ name, shouldUnregister: !!descriptor.showWhen });
  const error = useFieldError(name);
  const { id, helpId, errorId } = useFieldIds();
  const value = typeof field.value === "number" && Number.isFinite(field.value) ? field.value : "";

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
        ref={field.ref}
        name={field.name}
        type="number"
        inputMode={int ? "numeric" : "decimal"}
        value={value}
        onChange={(e) => field.onChange(readNumberInput(e.currentTarget))}
        onBlur={field.onBlur}
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
