import "@/lib/zod-setup";
import { z } from "zod";

/** The part of a suite run's spec that the run page and the gallery zip read; anything else in it is ignored. */
const suiteSpec = z.object({
  suiteId: z.string().optional(),
  name: z.string(),
  prompts: z.array(z.object({ text: z.string(), category: z.string().nullable().optional() })),
  targets: z.array(z.object({ provider: z.string(), model: z.string() })),
});

export type SuiteSpecView = z.infer<typeof suiteSpec>;

/** A suite run's spec, or null when the run is not one (or its spec cannot be read). */
export function readSuiteSpec(spec: Record<string, unknown> | null): SuiteSpecView | null {
  const parsed = suiteSpec.safeParse(spec);
  return parsed.success ? parsed.data : null;
}
