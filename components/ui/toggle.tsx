"use client";

import * as React from "react";
import { cva, type VariantProps } from "class-variance-authority";

import { cn } from "@/lib/utils";

const toggleVariants = cva(
  "inline-flex items-center justify-center gap-2 rounded-md text-sm font-medium whitespace-nowrap transition-[color,box-shadow] outline-none hover:bg-muted hover:text-muted-foreground focus-visible:border-ring focus-visible:ring-2 focus-visible:ring-ring disabled:pointer-events-none disabled:opacity-50 data-[state=on]:bg-accent data-[state=on]:text-accent-foreground [&_svg]:pointer-events-none [&_svg]:shrink-0 [&_svg:not([class*='size-'])]:size-4",
  {
    variants: {
      variant: {
        default: "bg-transparent",
        outline:
          "border border-input bg-transparent shadow-xs hover:bg-accent hover:text-accent-foreground data-[state=on]:border-primary/40 dark:bg-input/30",
      },
      size: {
        default: "h-9 min-w-9 px-2",
        sm: "h-8 min-w-8 px-1.5",
        lg: "h-10 min-w-10 px-2.5",
      },
    },
    defaultVariants: { variant: "default", size: "default" },
  },
);

type ToggleProps = Omit<React.ComponentProps<"button">, "onChange"> &
  VariantProps<typeof toggleVariants> & {
    pressed?: boolean;
    defaultPressed?: boolean;
    onPressedChange?: (pressed: boolean) => void;
  };

/** A two-state button with `aria-pressed` and `data-state="on" | "off"`, the markup Radix's Toggle renders. */
function Toggle({ className, variant, size, pressed, defaultPressed, onPressedChange, onClick, ...props }: ToggleProps) {
  const [uncontrolled, setUncontrolled] = React.useState(defaultPressed ?? false);
  const on = pressed ?? uncontrolled;
  return (
    <button
      type="button"
      aria-pressed={on}
      data-state={on ? "on" : "off"}
      data-disabled={props.disabled ? "" : undefined}
      data-slot="toggle"
      className={cn(toggleVariants({ variant, size, className }))}
      onClick={(e) => {
        onClick?.(e);
        if (e.defaultPrevented) return;
        if (pressed === undefined) setUncontrolled(!on);
        onPressedChange?.(!on);
      }}
      {...props}
    />
  );
}

export { Toggle, toggleVariants };
