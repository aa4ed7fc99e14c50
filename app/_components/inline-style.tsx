"use client";

import { INLINE_CSS } from "./inline-css-key";

/**
 * A hoisted <style> resource: React writes it into <head> on the server, and in the browser finds it there by its
 * href, so the text is needed only on the server and never travels in the RSC data or the bundle.
 */
export function InlineStyle({ href }: { href: string }) {
  const css = typeof window === "undefined" ? (globalThis as Record<symbol, Map<string, string> | undefined>)[INLINE_CSS]?.get(href) : undefined;
  return (
    <style href={href} precedence="next">
      {css ?? ""}
    </style>
  );
}
