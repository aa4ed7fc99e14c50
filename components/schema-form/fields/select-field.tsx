"use client";

import { useController } from "react-hook-form";

import { LazySelect } from "@/components/ui/lazy-select";
import type { SelectFieldDescriptor } from "@/lib/params/descriptors";
import { describedBy, FieldShell, useFieldError, useFieldIds } from "./field-shell";

// Radix Select reserves "" for "no value", so "Not set" needs a value of its own.
export const UNSET = "__unset__";

export function SelectField({ descriptor, disabled }: { descriptor: SelectFieldDescriptor; disabled?: boolean }) {
  const { name, label, help, placeholder, options, required, defaultValue } = descriptor;
  const {
    field: { ref, value: raw, onChange, onBlur },
  } = useController({ name, shouldUnregister: !!descriptor.showWhen });
  const error = useFieldError(name);
  const { id, helpId, errorId } = useFieldIds();
  const offerUnset = !required && defaultValue === undefined;
  const selected = options.find((o) => o.value === raw);
  const defaultLabel = options.find((o) => o.value === defaultValue)?.label;

  return (
    <FieldShell id={id} label={label} help={help} helpId={helpId} error={error} errorId={errorId}>
      <LazySelect
        id={id}
        ref={ref}
        onBlur={onBlur}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(help && helpId, error && errorId)}
        value={selected ? String(selected.value) : offerUnset ? UNSET : ""}
        // Option values may be numbers; map the string key back to the typed value.
        onValueChange={(key) => {
          // Radix can report "" when the surrounding form resets; that is not a user choice.
          if (key !== "") onChange(options.find((o) => String(o.value) === key)?.value);
        }}
        disabled={disabled}
        placeholder={placeholder ?? (defaultLabel ? `Default (${defaultLabel})` : "Select…")}
        sections={[
          ...(offerUnset ? [{ key: "unset", options: [{ value: UNSET, label: "Not set", muted: true }] }] : []),
          { key: "options", separator: true, options: options.map((o) => ({ value: String(o.value), label: o.label })) },
        ]}
      >
        {/* Explicit children so the server renders the label too. */}
        {selected ? selected.label : offerUnset ? "Not set" : undefined}
      </LazySelect>
    </FieldShell>
  );
}
