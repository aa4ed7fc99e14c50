"use client";

import { INLINE_CSS } from "./inline-css-key";

/**
 * A hoisted <style> resource: React writes it into <head> on the server, and in the browser finds it there by its
 * href, so the text is needed only on the server and never travels in the RSC data or the bundle.
 *
 * A page that calls notFound() (a deleted run, a revoked share link) goes out as Next's error shell, whose HTML has no
 * <head> content of ours, and the browser renders the page from scratch: there is no inline copy to find. Then the
 * same file is loaded as a stylesheet instead of leaving the page unstyled.
 */
export function InlineStyle({ href }: { href: string }) {
  const server = typeof window === "undefined";
  if (!server && !document.querySelector(`style[data-href="${CSS.escape(href)}"]`)) {
    return <link rel="stylesheet" href={href} precedence="next" />;
  }
  const css = server ? (globalThis as Record<symbol, Map<string, string> | undefined>)[INLINE_CSS]?.get(href) : undefined;
  return (
    <style href={href} precedence="next">
      {css ?? ""}
    </style>
  );
}
