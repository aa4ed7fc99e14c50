import type { GenerationDTO } from "@/lib/db/dto";
import { fieldsByRole } from "@/lib/params/roles";
import type { ModelDefinition } from "@/lib/providers/types";

/** Facts about a stored result that every view shows the same way. Client-safe and pure. */

const seedText = (v: unknown): string | null => {
  const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
  return typeof n === "number" && Number.isSafeInteger(n) && n >= 0 ? String(n) : null;
};

/**
 * The seed actually used: the provider's own when it reports a real one, otherwise the one we sent, otherwise
 * "random (not reported)". A negative seed (Segmind echoes -1 for "random") is never shown.
 */
export function seedUsed(g: Pick<GenerationDTO, "seed" | "input">, model: ModelDefinition | undefined): string {
  const reported = seedText(g.seed);
  if (reported) return reported;
  const field = model ? fieldsByRole(model.schema).seed : undefined;
  const sent = field ? seedText(g.input[field]) : null;
  return sent ?? "random (not reported)";
}

/** The seed used as a number string, or null when it is not known ("random (not reported)"). */
export function knownSeed(g: Pick<GenerationDTO, "seed" | "input">, model: ModelDefinition | undefined): string | null {
  const s = seedUsed(g, model);
  return /^\d+$/.test(s) ? s : null;
}

/** How many images the request asked for (1 when the model has no count field). */
export function imagesAskedFor(g: Pick<GenerationDTO, "input">, model: ModelDefinition | undefined): number {
  const field = model ? fieldsByRole(model.schema).count : undefined;
  const raw = field ? (g.input[field] ?? model?.defaults[field]) : undefined;
  return typeof raw === "number" && Number.isInteger(raw) && raw > 0 ? raw : 1;
}

/** A sent-vs-received mismatch in words ("asked for 3 images, got 1"), or null when they agree. */
export function countWarning(
  g: Pick<GenerationDTO, "input" | "status" | "images">,
  model: ModelDefinition | undefined,
): string | null {
  if (g.status !== "succeeded") return null;
  const asked = imagesAskedFor(g, model);
  const got = g.images.length;
  if (got === asked) return null;
  return `Asked for ${asked} image${asked === 1 ? "" : "s"}, got ${got}.`;
}
