import type { GenerationDTO } from "@/lib/db/dto";
import type { FieldRole } from "@/lib/params/field-meta";

/**
 * Facts about a stored result that every view shows the same way, read through the model's field roles: no zod,
 * so the result cards compute them in the browser from plain catalog data (./result-catalog.ts). ./facts.ts gives
 * the same answers for a model definition.
 */
export interface RoleFacts {
  roles: Partial<Record<FieldRole, string>>;
  defaults: Record<string, unknown>;
}

/** A seed as digits: a whole number from 0, or digits stored as text at any size (providers report 64-bit seeds). */
const seedText = (v: unknown): string | null => {
  if (typeof v === "string" && /^\d+$/.test(v.trim())) return v.trim().replace(/^0+(?=\d)/, "");
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? String(v) : null;
};

/**
 * The seed actually used: the provider's own when it reports a real one, otherwise the one we sent, otherwise
 * "random (not reported)". A negative seed (Segmind echoes -1 for "random") is never shown.
 */
export function seedUsedBy(g: Pick<GenerationDTO, "seed" | "input">, model: RoleFacts | undefined): string {
  const reported = seedText(g.seed);
  if (reported) return reported;
  const field = model?.roles.seed;
  const sent = field ? seedText(g.input[field]) : null;
  return sent ?? "random (not reported)";
}

/** The seed used as a number string, or null when it is not known ("random (not reported)"). */
export function knownSeedBy(g: Pick<GenerationDTO, "seed" | "input">, model: RoleFacts | undefined): string | null {
  const s = seedUsedBy(g, model);
  return /^\d+$/.test(s) ? s : null;
}

/** How many images the request asked for (1 when the model has no count field). */
export function imagesAskedForBy(g: Pick<GenerationDTO, "input">, model: RoleFacts | undefined): number {
  const field = model?.roles.count;
  const raw = field ? (g.input[field] ?? model?.defaults[field]) : undefined;
  return typeof raw === "number" && Number.isInteger(raw) && raw > 0 ? raw : 1;
}

/** A sent-vs-received mismatch in words ("asked for 3 images, got 1"), or null when they agree. */
export function countWarningBy(g: Pick<GenerationDTO, "input" | "status"> & { images: readonly unknown[] }, model: RoleFacts | undefined): string | null {
  if (g.status !== "succeeded") return null;
  const asked = imagesAskedForBy(g, model);
  const got = g.images.length;
  if (got === asked) return null;
  return `Asked for ${asked} image${asked === 1 ? "" : "s"}, got ${got}.`;
}
