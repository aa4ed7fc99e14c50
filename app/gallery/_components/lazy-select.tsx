"use client";
import { useId, useState, type ComponentType, type KeyboardEvent } from "react";
import { ChevronDown } from "lucide-react";

export interface SelectOption {
  value: string;
  label: string;
}

export interface FilterSelectProps {
  label: string;
  value: string;
  options: SelectOption[];
  onChange: (value: string) => void;
  className?: string;
}

type Real = ComponentType<FilterSelectProps & { defaultOpen: boolean }>;
let loading: Promise<Real> | undefined;
const loadReal = () => (loading ??= import("./filter-select").then((m) => m.FilterSelect));

// The same look as components/ui/select.tsx's trigger, so nothing moves when the real one takes its place.
const triggerClass =
  "flex h-9 w-full items-center justify-between gap-2 rounded-md border border-input bg-transparent px-3 py-2 text-sm whitespace-nowrap shadow-xs transition-[color,box-shadow] outline-none dark:bg-input/30 dark:hover:bg-input/50 focus-visible:border-ring focus-visible:ring-2 focus-visible:ring-ring";
// Radix opens its select on these keys too.
const openKeys = new Set([" ", "Enter", "ArrowUp", "ArrowDown"]);

/**
 * A filter select that costs the page no select library: it first renders a plain trigger showing the value, and
 * loads the real select (Radix: popper, focus scope, typeahead) when the person reaches for it — on hover or focus it
 * starts loading, on click or an opening key it swaps in the real one, already open.
 */
export function LazySelect(props: FilterSelectProps) {
  const [real, setReal] = useState<{ Component: Real } | null>(null);
  // Like Radix's trigger, it names the list it will open (which does not exist while closed).
  const listId = useId();
  if (real) return <real.Component {...props} defaultOpen />;
  const open = () => void loadReal().then((Component) => setReal({ Component }));
  const onKeyDown = (e: KeyboardEvent) => {
    if (!openKeys.has(e.key)) return;
    e.preventDefault();
    open();
  };
  return (
    <button
      type="button"
      role="combobox"
      aria-label={props.label}
      aria-expanded={false}
      aria-controls={listId}
      aria-autocomplete="none"
      className={`${triggerClass} ${props.className ?? ""}`}
      onPointerEnter={() => void loadReal()}
      onFocus={() => void loadReal()}
      onClick={open}
      onKeyDown={onKeyDown}
    >
      <span className="line-clamp-1">{props.options.find((o) => o.value === props.value)?.label ?? props.value}</span>
      <ChevronDown aria-hidden className="text-muted-foreground size-4 shrink-0 opacity-50" />
    </button>
  );
}
