"use client";
import { useWatch } from "react-hook-form";
import type { FormModel, FormProvider } from "@/lib/forms/catalog";

/**
 * What seeds the images of one request get, as each provider documents it (docs/providers/<id>.md). Keyed by
 * provider id; a provider without an entry gets the cautious general sentence.
 */
const batchSeeds: Record<string, string> = {
  aimlapi: "AI/ML API makes them in one batch from this seed and reports that one seed.",
  segmind: "Segmind makes them in one batch from this seed and reports that one seed.",
  imagepipeline: "ImagePipeline takes no seed: every image is random and none is reported.",
  deepinfra: "DeepInfra makes them in one request from this seed and reports that one seed.",
};

export function BatchSeedNote({
  provider,
  model,
  seedLocked,
}: {
  provider: FormProvider;
  model: FormModel;
  seedLocked: boolean;
}) {
  const roles = model.roles;
  const raw: unknown = useWatch({ name: roles.count ?? "__none__" });
  const count = typeof raw === "number" ? raw : Number(model.defaults[roles.count ?? ""] ?? 1);
  if (!roles.count || !(count > 1)) return null;
  const how = batchSeeds[provider.id] ?? `${provider.label} makes them in one request from one seed.`;
  const which = roles.seed ? (seedLocked ? "the locked seed" : "a new random seed") : null;
  return (
    <p className="text-muted-foreground -mt-2 text-xs" data-testid="batch-seed-note">
      {count} images per request{which ? `, from ${which}` : ""}: {how}
    </p>
  );
}
