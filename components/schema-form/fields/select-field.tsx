"use client";

import { useController } from "react-hook-form";

import { Select, SelectContent, SelectItem, SelectSeparator, SelectTrigger, SelectValue } from "@/components/ui/select";
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
      <Select
        value={selected ? String(selected.value) : offerUnset ? UNSET : ""}
        // Option values may be numbers; map the string key back to the typed value.
        onValueChange={(key) => {
          // Radix can report "" when the surrounding form resets; that is not a user choice.
          if (key !== "") onChange(options.find((o) => String(o.value) === key)?.value);
        }}
        disabled={disabled}
      >
        <SelectTrigger
          id={id}
          ref={ref}
          onBlur={onBlur}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(help && helpId, error && errorId)}
        >
          {/* Explicit children so the server renders the label too (Radix fills it in only after mount). */}
          <SelectValue placeholder={placeholder ?? (defaultLabel ? `Default (${defaultLabel})` : "Select…")}>
            {selected ? selected.label : offerUnset ? "Not set" : undefined}
          </SelectValue>
        </SelectTrigger>
        <SelectContent>
          {offerUnset && (
            <>
              <SelectItem value={UNSET} className="text-muted-foreground">
                Not set
              </SelectItem>
              <SelectSeparator />
            </>
          )}
          {options.map((o) => (
            <SelectItem key={String(o.value)} value={String(o.value)}>
              {o.label}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </FieldShell>
  );
}
