"use client";
import { startTransition, useEffect, useRef, useState } from "react";
import { ownOnly } from "./use-compare-form";
import { previewComparison } from "@/lib/actions/preview-comparison";
import type { TargetPreview } from "@/lib/compare/preview";
import type { FormModel } from "@/lib/forms/catalog";

const DEBOUNCE_MS = 150;

/**
 * Each target's preview (mapped input, adjustments, problems), asked of the server whenever the shared values, the
 * targets or their own settings change; a late answer to an older question is dropped.
 */
export function usePreview(
  enabled: boolean,
  values: unknown,
  targets: readonly FormModel[],
  overrides: () => Record<string, Record<string, unknown>>,
  overridesVersion: number,
): Record<string, TargetPreview | null> {
  const [previews, setPreviews] = useState<Record<string, TargetPreview | null>>({});
  const asked = useRef(0);
  useEffect(() => {
    if (!enabled) return;
    const question = ++asked.current;
    const timer = setTimeout(() => {
      const current = overrides();
      const keys = targets.map((t) => `${t.provider}/${t.id}`);
      previewComparison({
        shared: values,
        targets: targets.map((t, i) => ({ provider: t.provider, model: t.id, overrides: ownOnly(t, current[keys[i]!]) })),
      })
        .then((r) => {
          if (question !== asked.current || !r.ok) return;
          startTransition(() => setPreviews(Object.fromEntries(keys.map((k, i) => [k, r.previews[i] ?? null]))));
        })
        // The preview is a courtesy: the run itself validates and reports.
        .catch(() => undefined);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [enabled, values, targets, overrides, overridesVersion]);
  return previews;
}
