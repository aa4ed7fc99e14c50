"use client";

import * as React from "react";
import { ChevronDownIcon } from "lucide-react";

import { cn } from "@/lib/utils";
import { selectTriggerClass } from "./select-trigger-class";

/*
 * A select whose list (Radix Select, with its popper, focus and dismiss layers: about 40 KiB of script) loads the
 * first time someone opens it. Until then a plain button with the same look, name and keyboard entry points stands
 * in: pointer down, Enter, Space or an arrow key loads the list and opens it, as Radix would have.
 */

export interface SelectOption {
  value: string;
  label: React.ReactNode;
  /** Shown dimmed ("Not set"). */
  muted?: boolean;
}

export interface SelectSection {
  key?: string;
  /** A group heading (e.g. the provider); unlabelled sections are plain runs of options. */
  label?: React.ReactNode;
  /** A rule before this section. */
  separator?: boolean;
  options: SelectOption[];
}

export interface LazySelectProps {
  id: string;
  value: string;
  onValueChange: (value: string) => void;
  sections: SelectSection[];
  /** The selected option's text, rendered by the server too; `placeholder` when there is none. */
  children?: React.ReactNode;
  placeholder?: string;
  disabled?: boolean | undefined;
  className?: string;
  size?: "sm" | "default";
  /** Called when the list is about to open (e.g. to preload what a choice will need). */
  onActivate?: () => void;
  "aria-invalid"?: boolean | undefined;
  "aria-describedby"?: string | undefined;
  onBlur?: () => void;
  ref?: React.Ref<HTMLButtonElement>;
}

type Impl = typeof import("./select-sections").SelectSections;
let loading: Promise<Impl> | undefined;
const loadImpl = () => (loading ??= import("./select-sections").then((m) => m.SelectSections));

const opensList = (key: string) => key === "Enter" || key === " " || key === "ArrowDown" || key === "ArrowUp";

export function LazySelect({ id, className, size = "default", onActivate, ref, ...rest }: LazySelectProps) {
  const [Impl, setImpl] = React.useState<Impl | null>(null);
  const [open, setOpen] = React.useState(false);
  const triggerProps = {
    id,
    className,
    size,
    onBlur: rest.onBlur,
    "aria-invalid": rest["aria-invalid"],
    "aria-describedby": rest["aria-describedby"],
  };
  if (Impl) {
    const onOpenChange = (next: boolean) => {
      if (next) onActivate?.();
      setOpen(next);
    };
    return <Impl {...rest} open={open} onOpenChange={onOpenChange} triggerProps={triggerProps} triggerRef={ref} />;
  }
  const activate = () => {
    if (rest.disabled) return;
    onActivate?.();
    setOpen(true);
    void loadImpl().then((impl) => setImpl(() => impl));
  };
  const empty = rest.children === undefined || rest.children === null;
  return (
    <button
      ref={ref}
      type="button"
      role="combobox"
      aria-expanded={false}
      // As Radix does: the list it will control, which exists only while open.
      aria-controls={`${id}-list`}
      aria-autocomplete="none"
      dir="ltr"
      data-slot="select-trigger"
      data-size={size}
      data-state="closed"
      data-placeholder={empty ? "" : undefined}
      {...triggerProps}
      disabled={rest.disabled}
      className={cn(selectTriggerClass, className)}
      onFocus={() => void loadImpl()}
      onPointerDown={(e) => {
        if (e.button === 0 && e.pointerType === "mouse") e.preventDefault();
        activate();
      }}
      onKeyDown={(e) => {
        if (!opensList(e.key)) return;
        e.preventDefault();
        activate();
      }}
    >
      <span data-slot="select-value" style={{ pointerEvents: "none" }}>
        {empty ? rest.placeholder : rest.children}
      </span>
      <ChevronDownIcon className="size-4 opacity-50" aria-hidden />
    </button>
  );
}
