"use client";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { FilterSelectProps } from "./lazy-select";

/** The real select (Radix), loaded by ./lazy-select.tsx the first time a filter is opened. */
export function FilterSelect({ label, value, options, onChange, className, defaultOpen }: FilterSelectProps & { defaultOpen: boolean }) {
  return (
    <Select value={value} onValueChange={onChange} defaultOpen={defaultOpen}>
      <SelectTrigger aria-label={label} className={className}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {options.map((o) => (
          <SelectItem key={o.value} value={o.value}>
            {o.label}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
