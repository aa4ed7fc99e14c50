"use client";

import * as React from "react";

import { cn } from "@/lib/utils";

type SliderProps = Omit<React.ComponentProps<"input">, "value" | "defaultValue" | "min" | "max" | "step" | "type"> & {
  /** One value, in an array (the shape Radix's Slider took, kept for callers). */
  value?: number[];
  defaultValue?: number[];
  onValueChange?: (value: number[]) => void;
  min?: number;
  max?: number;
  step?: number;
  /** Props for the thumb; with a native range the thumb is the input itself. */
  thumbProps?: Pick<React.ComponentProps<"input">, "tabIndex" | "onBlur" | "aria-label">;
};

const thumb =
  "[&::-webkit-slider-thumb]:size-4 [&::-webkit-slider-thumb]:appearance-none [&::-webkit-slider-thumb]:rounded-full [&::-webkit-slider-thumb]:border [&::-webkit-slider-thumb]:border-primary [&::-webkit-slider-thumb]:bg-background [&::-webkit-slider-thumb]:shadow-sm [&::-moz-range-thumb]:size-4 [&::-moz-range-thumb]:rounded-full [&::-moz-range-thumb]:border [&::-moz-range-thumb]:border-primary [&::-moz-range-thumb]:bg-background [&::-moz-range-thumb]:shadow-sm";

/**
 * A native range input drawn like the Radix slider it replaced (track, filled range, round thumb): the browser
 * gives the keyboard, pointer and accessibility behaviour for free.
 */
function Slider({ className, value, defaultValue, onValueChange, min = 0, max = 100, step = 1, thumbProps, style, ...props }: SliderProps) {
  const current = value?.[0] ?? defaultValue?.[0] ?? min;
  const pct = max > min ? ((Math.min(max, Math.max(min, current)) - min) / (max - min)) * 100 : 0;
  return (
    <input
      type="range"
      data-slot="slider"
      min={min}
      max={max}
      step={step}
      {...(value ? { value: current } : { defaultValue: current })}
      onChange={(e) => onValueChange?.([e.currentTarget.valueAsNumber])}
      className={cn(
        "h-1.5 w-full cursor-pointer appearance-none rounded-full bg-muted outline-none disabled:cursor-not-allowed disabled:opacity-50",
        thumb,
        className,
      )}
      style={{ background: `linear-gradient(to right, var(--color-primary) ${pct}%, var(--color-muted) ${pct}%)`, ...style }}
      {...thumbProps}
      {...props}
    />
  );
}

export { Slider, type SliderProps };
