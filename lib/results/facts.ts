import type { GenerationDTO } from "@/lib/db/dto";
import { fieldsByRole } from "@/lib/params/roles";
import type { ModelDefinition } from "@/lib/providers/types";
import { countWarningBy, imagesAskedForBy, knownSeedBy, seedUsedBy, type RoleFacts } from "./role-facts";

/** Facts about a stored result that every view shows the same way, for a model definition (./role-facts.ts). */

const factsOf = (model: ModelDefinition | undefined): RoleFacts | undefined =>
  model && { roles: fieldsByRole(model.schema), defaults: model.defaults };

/**
 * The seed actually used: the provider's own when it reports a real one, otherwise the one we sent, otherwise
 * "random (not reported)". A negative seed (Segmind echoes -1 for "random") is never shown.
 */
export function seedUsed(g: Pick<GenerationDTO, "seed" | "input">, model: ModelDefinition | undefined): string {
  return seedUsedBy(g, factsOf(model));
}

/** The seed used as a number string, or null when it is not known ("random (not reported)"). */
export function knownSeed(g: Pick<GenerationDTO, "seed" | "input">, model: ModelDefinition | undefined): string | null {
  return knownSeedBy(g, factsOf(model));
}

/** How many images the request asked for (1 when the model has no count field). */
export function imagesAskedFor(g: Pick<GenerationDTO, "input">, model: ModelDefinition | undefined): number {
  return imagesAskedForBy(g, factsOf(model));
}

/** A sent-vs-received mismatch in words ("asked for 3 images, got 1"), or null when they agree. */
export function countWarning(
  g: Pick<GenerationDTO, "input" | "status"> & { images: readonly unknown[] },
  model: ModelDefinition | undefined,
): string | null {
  return countWarningBy(g, factsOf(model));
}
