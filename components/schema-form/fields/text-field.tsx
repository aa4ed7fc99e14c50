"use client";

import { useController } from "react-hook-form";

import { Input } from "@/components/ui/input";
import type { TextFieldDescriptor } from "@/lib/params/descriptors";
import { describedBy, FieldShell, useFieldError, useFieldIds } from "./field-shell";

export function TextField({ descriptor, disabled }: { descriptor: TextFieldDescriptor; disabled?: boolean }) {
  const { name, label, help, placeholder, required, maxLength } = descriptor;
  const {
    field: { ref, value: raw, onChange, onBlur },
  } = useController({ name, shouldUnregister: !!descriptor.showWhen });
  const error = useFieldError(name);
  const { id, helpId, errorId } = useFieldIds();

  return (
    <FieldShell id={id} label={label} help={help} helpId={helpId} error={error} errorId={errorId}>
      <Input
        id={id}
        ref={ref}
        name={name}
        value={typeof raw === "string" ? raw : ""}
        onChange={(e) => onChange(e.target.value === "" && !required ? undefined : e.target.value)}
        onBlur={onBlur}
        disabled={disabled}
        placeholder={placeholder}
        maxLength={maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(help && helpId, error && errorId)}
      />
    </FieldShell>
  );
}
