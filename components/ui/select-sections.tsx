"use client";

import * as React from "react";

import {
  Select,
  SelectContent,
  SelectGroup,
  SelectItem,
  SelectLabel,
  SelectSeparator,
  SelectTrigger,
  SelectValue,
} from "./select";
import type { LazySelectProps } from "./lazy-select";

/** The Radix select behind `LazySelect`, built from its sections; loaded the first time a list is opened. */
export function SelectSections({
  sections,
  value,
  onValueChange,
  open,
  onOpenChange,
  disabled,
  placeholder,
  children,
  triggerProps,
  triggerRef,
}: Omit<LazySelectProps, "id" | "onActivate" | "size"> & {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  triggerProps: React.ComponentProps<typeof SelectTrigger>;
  triggerRef: React.Ref<HTMLButtonElement> | undefined;
}) {
  return (
    <Select value={value} onValueChange={onValueChange} open={open} onOpenChange={onOpenChange} disabled={disabled}>
      <SelectTrigger {...triggerProps} ref={triggerRef}>
        <SelectValue placeholder={placeholder}>{children}</SelectValue>
      </SelectTrigger>
      <SelectContent>
        {sections.map((section, i) => {
          const items = section.options.map((o) => (
            <SelectItem key={o.value} value={o.value} className={o.muted ? "text-muted-foreground" : undefined}>
              {o.label}
            </SelectItem>
          ));
          return (
            <React.Fragment key={section.key ?? i}>
              {section.separator && i > 0 && <SelectSeparator />}
              {section.label !== undefined ? (
                <SelectGroup>
                  <SelectLabel>{section.label}</SelectLabel>
                  {items}
                </SelectGroup>
              ) : (
                items
              )}
            </React.Fragment>
          );
        })}
      </SelectContent>
    </Select>
  );
}
