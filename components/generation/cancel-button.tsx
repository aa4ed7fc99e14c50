"use client";
import { useState } from "react";
import { CircleStop, Loader2 } from "lucide-react";
import type { GenerationDTO } from "@/lib/db/dto";
import { cancelGenerations } from "@/lib/actions/cancel";
import { Button } from "@/components/ui/button";

type Scope = { generationId: string } | { runId: string };

/**
 * Sends the cancel; the views following the work poll while it is unfinished, so the final state shows by itself.
 * `active`: whether the work is still unfinished. Once it ends the button forgets it was pressed, so work started
 * again on the same card (a retry) can be cancelled again.
 */
function useCancel(scope: Scope, active: boolean) {
  const [state, setState] = useState<"idle" | "sending" | "sent">("idle");
  const [error, setError] = useState<string | null>(null);
  const [wasActive, setWasActive] = useState(active);
  if (active !== wasActive) {
    setWasActive(active);
    if (!active) setState("idle");
  }
  const send = async () => {
    setState("sending");
    setError(null);
    const result = await cancelGenerations(scope).catch(() => null);
    if (result?.ok) setState("sent");
    else {
      setError(result?.message ?? "The server could not be reached.");
      setState("idle");
    }
  };
  return { state, error, send: () => void send() };
}

/** "Cancel" on a queued or running card; "Cancelling…" once asked, until the card reaches its final state. */
export function CancelButton({ generation: g }: { generation: Pick<GenerationDTO, "id" | "status" | "cancelRequested"> }) {
  const active = g.status === "queued" || g.status === "running";
  const { state, error, send } = useCancel({ generationId: g.id }, active);
  if (!active) return null;
  if (g.cancelRequested || state !== "idle") {
    return (
      <span role="status" className="inline-flex items-center gap-1">
        <Loader2 className="size-3 animate-spin" aria-hidden /> Cancelling…
      </span>
    );
  }
  return (
    <>
      <Button type="button" size="sm" variant="ghost" className="h-6 px-2 text-xs" onClick={send} title="Cancel this generation">
        <CircleStop aria-hidden /> Cancel
      </Button>
      {error && <span role="alert">{error}</span>}
    </>
  );
}

/** "Cancel all" for a run with several unfinished targets (`minimum`: from how many it shows; a grid: from one). */
export function CancelAllButton({ runId, unfinished, minimum = 2 }: { runId: string; unfinished: number; minimum?: number }) {
  const { state, error, send } = useCancel({ runId }, unfinished > 0);
  if (unfinished < minimum) return null;
  return (
    <>
      <Button type="button" size="sm" variant="outline" onClick={send} disabled={state !== "idle"}>
        <CircleStop aria-hidden /> {state === "idle" ? `Cancel all (${unfinished} unfinished)` : "Cancelling…"}
      </Button>
      {error && <span role="alert" className="text-destructive text-sm">{error}</span>}
    </>
  );
}
