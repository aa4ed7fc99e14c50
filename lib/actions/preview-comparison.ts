"use server";
import { z } from "zod";
import { previewTargets, type TargetPreview } from "@/lib/compare/preview";
import { validatedAction, type ActionFailure } from "./result";

// More than a run may hold (12): the preview follows whatever is ticked, and says so before the run refuses it.
const MAX_PREVIEW_TARGETS = 40;

const envelope = z.object({
  shared: z.record(z.string(), z.unknown()),
  targets: z
    .array(
      z.object({
        provider: z.string().min(1).max(100),
        model: z.string().min(1).max(200),
        overrides: z.record(z.string(), z.unknown()).default({}),
      }),
    )
    .max(MAX_PREVIEW_TARGETS),
});

export type PreviewComparisonResult = { ok: true; previews: (TargetPreview | null)[] } | ActionFailure;

/** The comparison page's live preview: each target's mapped input, adjustments and problems (lib/compare/preview.ts). */
export const previewComparison: (raw: unknown) => Promise<PreviewComparisonResult> = validatedAction(
  {
    name: "previewComparison",
    schema: envelope,
    subject: "A comparison preview",
    invalid: (error) => error.issues[0]?.message ?? "The preview request was malformed.",
    failed: "The preview could not be made",
  },
  async ({ shared, targets }) => ({ ok: true as const, previews: previewTargets(shared, targets) }),
);
