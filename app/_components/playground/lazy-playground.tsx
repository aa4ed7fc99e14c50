"use client";
import { lazy, type ComponentProps } from "react";
import type { Playground } from "./playground";

const Impl = lazy(() => import("./playground").then((m) => ({ default: m.Playground })));

/**
 * The playground, with its code loaded as the page hydrates instead of from the page's <head>. The server still
 * renders it in the first HTML, so the form paints before any script arrives; its 40 KiB of scripts then no longer
 * compete with that paint on a phone's connections (README, `npm run bench:web`). A function, not the lazy object
 * itself: the page refers to it across the server boundary, and React cannot resolve a lazy reference to another lazy.
 */
export function LazyPlayground(props: ComponentProps<typeof Playground>) {
  return <Impl {...props} />;
}
