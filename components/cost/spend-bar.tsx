"use client";
import { useEffect, useRef, type ReactElement, type ReactNode, type RefObject } from "react";
import { Loader2, type LucideIcon } from "lucide-react";
import { Button } from "@/components/ui/button";

/**
 * The sticky bar under a form with its spending button (Generate, Compare): `above` and `below` for notes, and
 * `preview` to wrap the button in its cost preview. The button is never disabled while submitting, only marked busy:
 * a disabled button drops focus to the page body.
 */
export function SpendBar({
  submitting,
  disabled,
  icon: Icon,
  children,
  above,
  below,
  preview,
}: {
  submitting: boolean;
  disabled: boolean;
  icon: LucideIcon;
  children: ReactNode;
  above?: ReactNode;
  below?: ReactNode;
  preview: (button: ReactElement<{ "aria-describedby"?: string }>) => ReactNode;
}) {
  const bar = useRef<HTMLDivElement>(null);
  useBarHeight(bar);
  return (
    <div ref={bar} className="bg-background/95 sticky bottom-0 -mx-4 border-t px-4 py-3 backdrop-blur lg:bg-transparent">
      {above}
      {preview(
        <Button type="submit" size="lg" className="w-full" disabled={disabled} aria-disabled={submitting || undefined} aria-busy={submitting || undefined}>
          {submitting ? <Loader2 className="animate-spin" aria-hidden /> : <Icon aria-hidden />}
          {children}
        </Button>,
      )}
      {below}
    </div>
  );
}

/**
 * Publishes the bar's height as `--spend-bar-h` on the root element. The scrollers the bar sticks to (the page on
 * phones, the form's column on wide screens) use it as their bottom scroll padding (see globals.css), so a field that
 * receives focus is scrolled clear of the bar instead of behind it.
 */
function useBarHeight(bar: RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    const el = bar.current;
    if (!el) return;
    const root = document.documentElement.style;
    const observer = new ResizeObserver(() => {
      // A little room for the focus ring and the field's label below it.
      root.setProperty("--spend-bar-h", `${Math.ceil(el.getBoundingClientRect().height) + 8}px`);
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      root.removeProperty("--spend-bar-h");
    };
  }, [bar]);
}
