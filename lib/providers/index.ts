import "@/lib/zod-setup";
import { aimlapi } from "./aimlapi/definition";
import { segmind } from "./segmind/definition";
import { eachlabs } from "./eachlabs/definition";
import { imagepipeline } from "./imagepipeline/definition";
import { replicate } from "./replicate/definition";
import { deepinfra } from "./deepinfra/definition";
import { stability } from "./stability/definition";
import { fal } from "./fal/definition";
import type { ModelDefinition, ProviderDefinition } from "./types";

/** Client-safe registry: adding a provider is one folder plus one line here and one in ./server.ts. */
export const providers = {
  aimlapi,
  segmind,
  eachlabs,
  imagepipeline,
  replicate,
  deepinfra,
  stability,
  fal,
} as const satisfies Record<string, ProviderDefinition>;

export type ProviderId = keyof typeof providers;
export const providerIds = Object.keys(providers) as ProviderId[];

export function isProviderId(id: string): id is ProviderId {
  return Object.hasOwn(providers, id);
}

export function getProvider(id: string): ProviderDefinition | undefined {
  return isProviderId(id) ? providers[id] : undefined;
}

export function getModel(providerId: string, modelId: string): ModelDefinition | undefined {
  return getProvider(providerId)?.models.find((m) => m.id === modelId);
}

/** Every provider/model pair, in registry order. */
export function allTargets(): { provider: ProviderDefinition; model: ModelDefinition }[] {
  return providerIds.flatMap((id) => providers[id].models.map((model) => ({ provider: providers[id], model })));
}
