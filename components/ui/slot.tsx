import * as React from "react";

import { cn } from "@/lib/utils";

/**
 * `asChild`: the one child element (e.g. a Next `<Link>`) takes the parent's props and classes. A few lines in place
 * of Radix's Slot, which every page with a button loaded: class names join, handlers run child first.
 */
export function Slot({ children, className, ...props }: { children?: React.ReactNode; className?: string } & Record<string, unknown>) {
  if (!React.isValidElement<Record<string, unknown>>(children)) return null;
  const own = children.props;
  const merged: Record<string, unknown> = { ...props, ...own };
  for (const [key, handler] of Object.entries(props)) {
    const childHandler = own[key];
    if (/^on[A-Z]/.test(key) && typeof handler === "function" && typeof childHandler === "function") {
      merged[key] = (...args: unknown[]) => {
        (childHandler as (...a: unknown[]) => void)(...args);
        (handler as (...a: unknown[]) => void)(...args);
      };
    }
  }
  merged.className = cn(className, own.className as string | undefined);
  return React.cloneElement(children, merged);
}
