"use client";
import { useMemo, type ReactElement } from "react";
import { AWAITING_COLLECTION, AWAITING_DOWNLOAD, type GenerationDTO } from "@/lib/db/dto";
import { useRetryRefusal } from "@/lib/client/retry-refusals";
import { CostPreview } from "./cost-preview";

/**
 * A failure whose async job the provider had accepted and may still hold (status checks kept failing, our deadline ran
 * out, the key was gone): a retry collects it by its id and pays nothing more (lib/db/queue.ts requeueGeneration,
 * which the server marks AWAITING_COLLECTION). A `not_configured` one with a job id was so before that phase existed.
 * Here, not in the DTO module, so only a failed card's code carries it.
 */
export const collectsById = (g: Pick<GenerationDTO, "error" | "phase" | "providerRequestId">) =>
  g.providerRequestId !== null && (g.phase === AWAITING_COLLECTION || g.error?.code === "not_configured");

/**
 * A retry button with what sending it again costs (a retried download, or a job collected by its id, costs nothing),
 * and why a retry was refused.
 */
export function RetryCostPreview({ generation: g, children }: { generation: GenerationDTO; children: ReactElement<{ "aria-describedby"?: string }> }) {
  const refusal = useRetryRefusal(g.id);
  const downloadOnly = g.phase === AWAITING_DOWNLOAD || collectsById(g);
  const request = useMemo(
    () => (downloadOnly ? null : { targets: [{ provider: g.provider, model: g.model, input: g.input }] }),
    [downloadOnly, g.provider, g.model, g.input],
  );
  return (
    <div className="inline-grid justify-items-start gap-1">
      {downloadOnly ? children : <CostPreview request={request} label="Retry cost">{children}</CostPreview>}
      {refusal && (
        <p role="status" className="text-destructive text-xs">
          {refusal}
        </p>
      )}
    </div>
  );
}
