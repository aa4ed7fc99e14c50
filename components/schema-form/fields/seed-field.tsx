"use client";

import { DicesIcon, LockIcon, LockOpenIcon } from "lucide-react";
import { useController } from "react-hook-form";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Toggle } from "@/components/ui/toggle";
import type { SeedFieldDescriptor } from "@/lib/params/descriptors";
import { describedBy, FieldShell, useFieldError, useFieldIds } from "./field-shell";
import { randomSeed, readNumberInput, readSeedInput } from "./number-value";

interface SeedFieldProps {
  descriptor: SeedFieldDescriptor;
  locked: boolean;
  onLockedChange: (locked: boolean) => void;
  disabled?: boolean;
}

/**
 * Integer seed with a randomize button and a lock. The buttons' names ("Randomize", "Lock") deliberately omit the
 * field label so `getByLabel("Seed")` matches only the input.
 */
export function SeedField({ descriptor, locked, onLockedChange, disabled }: SeedFieldProps) {
  const { name, label, help, placeholder, min, max } = descriptor;
  const {
    field: { ref, value: raw, onChange, onBlur },
  } = useController({ name, shouldUnregister: !!descriptor.showWhen });
  const error = useFieldError(name);
  const { id, helpId, errorId } = useFieldIds();
  // A wide seed past 2^53 is held as its digits (lib/params/wide-seed.ts), shown as they are.
  const value = typeof raw === "number" && Number.isFinite(raw) ? raw : typeof raw === "string" && descriptor.wide ? raw : "";

  return (
    <FieldShell id={id} label={label} help={help} helpId={helpId} error={error} errorId={errorId}>
      {/* Fixed tracks: the buttons keep their places while a loading page has not yet read the one after them. */}
      <div className="grid grid-cols-[1fr_2.25rem_2.25rem] items-center gap-1.5">
        <Input
          id={id}
          ref={ref}
          name={name}
          type="number"
          inputMode="numeric"
          value={value}
          onChange={(e) => {
            const n = descriptor.wide ? readSeedInput(e.currentTarget) : readNumberInput(e.currentTarget);
            onChange(n);
            // A typed or pasted seed is the seed sent; clearing the field goes back to random.
            if (n !== undefined && !locked) onLockedChange(true);
            if (n === undefined && e.currentTarget.value === "" && locked) onLockedChange(false);
          }}
          onBlur={onBlur}
          min={min}
          max={max}
          step={1}
          disabled={disabled}
          placeholder={placeholder ?? "Random each run"}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(help && helpId, error && errorId)}
          className="font-mono tabular-nums"
        />
        {/* Plain titles rather than a tooltip library: one less dependency on every form page. */}
        <Button
          type="button"
          variant="outline"
          size="icon"
          aria-label="Randomize"
          title="New random seed (locks it)"
          disabled={disabled}
          onClick={() => {
            onChange(randomSeed(descriptor));
            if (!locked) onLockedChange(true);
          }}
        >
          <DicesIcon />
        </Button>
        <Toggle
          variant="outline"
          aria-label="Lock"
          title={locked ? "Locked: this seed is sent every run" : "Unlocked: a new random seed each run"}
          pressed={locked}
          onPressedChange={onLockedChange}
          disabled={disabled}
        >
          {locked ? <LockIcon /> : <LockOpenIcon />}
        </Toggle>
      </div>
    </FieldShell>
  );
}
