"use client";

import { useController } from "react-hook-form";

import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import type { SwitchFieldDescriptor } from "@/lib/params/descriptors";
import { describedBy, FieldErrorText, FieldHelp, useFieldError, useFieldIds } from "./field-shell";

/** Label and help on the left, switch on the right; clicking the label toggles it. */
export function SwitchField({ descriptor, disabled }: { descriptor: SwitchFieldDescriptor; disabled?: boolean }) {
  const { name, label, help, defaultValue } = descriptor;
  const {
    field: { ref, value: raw, onChange, onBlur },
  } = useController({ name, shouldUnregister: !!descriptor.showWhen });
  const error = useFieldError(name);
  const { id, helpId, errorId } = useFieldIds();
  const checked = typeof raw === "boolean" ? raw : defaultValue === true;

  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-start justify-between gap-4">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={id} className="cursor-pointer">
            {label}
          </Label>
          <FieldHelp id={helpId}>{help}</FieldHelp>
        </div>
        <Switch
          id={id}
          ref={ref}
          checked={checked}
          onCheckedChange={onChange}
          onBlur={onBlur}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(help && helpId, error && errorId)}
        />
      </div>
      <FieldErrorText id={errorId}>{error}</FieldErrorText>
    </div>
  );
}
