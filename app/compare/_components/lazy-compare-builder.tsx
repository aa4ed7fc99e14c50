"use client";
import { lazy, type ComponentProps } from "react";
import type { CompareBuilder } from "./compare-builder";

const Impl = lazy(() => import("./compare-builder").then((m) => ({ default: m.CompareBuilder })));

/** The comparison builder, loaded as the page hydrates rather than from its <head>, as the playground is (lazy-playground.tsx). */
export function LazyCompareBuilder(props: ComponentProps<typeof CompareBuilder>) {
  return <Impl {...props} />;
}
