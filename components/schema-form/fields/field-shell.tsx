"use client";

import * as React from "react";
import { get, useFormState, type FieldError } from "react-hook-form";

import { Label } from "@/components/ui/label";
import { cn } from "@/lib/utils";

/** Stable ids (SSR-safe) for a control, its help text and its error. */
export function useFieldIds() {
  const id = React.useId();
  return { id, helpId: `${id}-help`, errorId: `${id}-error` };
}

/** The message react-hook-form holds for `name`, which may be a nested path such as `image_size.width`. */
export function useFieldError(name: string): string | undefined {
  const { errors } = useFormState({ name });
  const error = get(errors, name) as FieldError | undefined;
  return typeof error?.message === "string" && error.message ? error.message : undefined;
}

/** `aria-describedby` from whichever of the ids are present. */
export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const present = ids.filter(Boolean);
  return present.length > 0 ? present.join(" ") : undefined;
}

export function FieldHelp({ id, children }: { id: string; children?: React.ReactNode }) {
  if (!children) return null;
  return (
    <p id={id} className="text-xs leading-snug text-muted-foreground">
      {children}
    </p>
  );
}

export function FieldErrorText({ id, children }: { id: string; children?: React.ReactNode }) {
  if (!children) return null;
  return (
    <p id={id} role="alert" className="text-xs leading-snug font-medium text-destructive">
      {children}
    </p>
  );
}

interface FieldShellProps {
  /** Id of the control the label points at. */
  id: string;
  label: string;
  help?: string | undefined;
  helpId: string;
  error?: string | undefined;
  errorId: string;
  /** Quiet text on the right of the label row: a range, a counter, "default". */
  aside?: React.ReactNode;
  asideId?: string;
  className?: string;
  children: React.ReactNode;
}

/** Label above the control (with an aside on the right), then help text, then the error. */
export function FieldShell({ id, label, help, helpId, error, errorId, aside, asideId, className, children }: FieldShellProps) {
  return (
    <div className={cn("flex flex-col gap-2", className)} data-invalid={error ? true : undefined}>
      <div className="flex min-h-4 items-baseline justify-between gap-3">
        <Label htmlFor={id}>{label}</Label>
        {aside !== undefined && aside !== null && (
          <span id={asideId} className="text-xs text-muted-foreground tabular-nums">
            {aside}
          </span>
        )}
      </div>
      {children}
      <FieldHelp id={helpId}>{help}</FieldHelp>
      <FieldErrorText id={errorId}>{error}</FieldErrorText>
    </div>
  );
}
