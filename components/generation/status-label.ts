import type { GenerationDTO } from "@/lib/db/dto";

/** A generation's status in one word; kept apart from the card so light pages can use it without the registry. */
export function statusLabel(g: Pick<GenerationDTO, "status">) {
  if (g.status === "queued") return "Waiting";
  if (g.status === "running") return "Running";
  if (g.status === "failed") return "Failed";
  return "Done";
}
