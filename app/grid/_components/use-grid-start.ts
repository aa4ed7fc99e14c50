"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import type { GridPreview } from "@/lib/grid/server";
import { startGrid } from "@/lib/actions/start-grid";
import { newSubmissionKey } from "@/lib/client/submission-key";
import { useSubmitShortcut } from "@/lib/client/use-submit-shortcut";
import type { GridRequest } from "./use-grid-draft";

/** Starts the grid, asking first when the server's plan needs a confirmation; Ctrl/Cmd+Enter runs it too. */
export function useGridStart(request: GridRequest, setPreview: (p: GridPreview) => void) {
  const router = useRouter();
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  // The request the server asked a confirmation for: the one confirmed, whatever the form shows by then.
  const [asked, setAsked] = useState<GridRequest | null>(null);

  const submit = async (confirmed: boolean) => {
    if (submitting) return;
    setSubmitting(true);
    setSubmitError(null);
    const sent = confirmed && asked ? asked : request;
    try {
      const result = await startGrid({ ...sent, ...(confirmed && { confirmed: true }) }, { idempotencyKey: newSubmissionKey() });
      if (result.ok) {
        router.push(`/grid/${result.runId}`);
        return;
      }
      if ("preview" in result && result.preview) setPreview(result.preview);
      const p = "preview" in result ? result.preview : undefined;
      // Above the threshold the server asks first; a grid with problems shows them instead.
      if (!confirmed && p?.confirmation && p.errors.length === 0 && p.axisErrors.every((e) => e.length === 0)) {
        setAsked(sent);
        setConfirming(true);
      } else setSubmitError(result.message);
    } catch {
      setSubmitError("The server could not be reached. Your grid is kept; try again.");
    }
    setSubmitting(false);
  };

  // Always asked of the server first: the confirmation shows its numbers for exactly this request (the preview on
  // screen may lag the last edit), and Confirm sends that same request.
  const run = () => void submit(false);
  useSubmitShortcut(run, !confirming);

  return { submitting, submitError, confirming, run, confirm: () => void submit(true), closeConfirm: () => setConfirming(false) };
}
