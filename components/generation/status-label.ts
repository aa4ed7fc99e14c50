import type { GenerationDTO } from "@/lib/db/dto";

type StatusOf = Pick<GenerationDTO, "status"> & { error?: Pick<NonNullable<GenerationDTO["error"]>, "code"> | null };

/** Whether a generation ended because the person cancelled it: stored as failed, but not a failure. */
export function isCancelled(g: StatusOf) {
  return g.status === "failed" && g.error?.code === "canceled";
}

/** A generation's status in one word; kept apart from the card so light pages can use it without the registry. */
export function statusLabel(g: StatusOf) {
  if (g.status === "queued") return "Waiting";
  if (g.status === "running") return "Running";
  if (isCancelled(g)) return "Cancelled";
  if (g.status === "failed") return "Failed";
  return "Done";
}
