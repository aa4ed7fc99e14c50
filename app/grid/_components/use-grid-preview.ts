"use client";
import { useEffect, useRef, useState } from "react";
import type { GridPreview } from "@/lib/grid/server";
import { previewGrid } from "@/lib/actions/preview-grid";
import type { GridRequest } from "./use-grid-draft";

export interface RequestErrors {
  message: string;
  byAxis: string[][];
}

/** Axis errors that came back as field errors ("axes.1.values") rather than from the plan. */
function fieldErrorsByAxis(fieldErrors: Record<string, string>): string[][] {
  const out: string[][] = [[], [], []];
  for (const [path, message] of Object.entries(fieldErrors)) {
    const m = /^axes\.(\d)/.exec(path);
    const axis = m ? out[Number(m[1])] : undefined;
    // Both ends of a range can fail alike: the axis says it once.
    if (axis && !axis.includes(message)) axis.push(message);
  }
  return out;
}

/**
 * The server's plan for the request, checked as the person types (debounced; the latest answer wins). `initial`: the
 * page's own check of the starting request, so the first paint already shows the grid's size and cost.
 */
export function useGridPreview(request: GridRequest, initial: GridPreview | null) {
  const [preview, setPreview] = useState<GridPreview | null>(initial);
  const [requestErrors, setRequestErrors] = useState<RequestErrors | null>(null);

  const asked = useRef(0);
  const checked = useRef(initial !== null);
  useEffect(() => {
    // The starting request was checked with the page: asked again only once it changes.
    if (checked.current) {
      checked.current = false;
      return;
    }
    const n = ++asked.current;
    const timer = setTimeout(() => {
      previewGrid(request)
        .then((r) => {
          if (n !== asked.current) return;
          if (r.ok) {
            setPreview(r);
            setRequestErrors(null);
          } else {
            setPreview(null);
            setRequestErrors({ message: r.message, byAxis: fieldErrorsByAxis(r.fieldErrors) });
          }
        })
        .catch(() => n === asked.current && setRequestErrors({ message: "The server could not be reached.", byAxis: [] }));
    }, 300);
    return () => clearTimeout(timer);
  }, [request]);

  const axisErrors = (i: number) => [...(preview?.axisErrors[i] ?? []), ...(requestErrors?.byAxis[i] ?? [])];
  const blocked = !preview || preview.errors.length > 0 || preview.axisErrors.some((e) => e.length > 0);
  return { preview, setPreview, requestErrors, axisErrors, blocked };
}
