import { getModel, getProvider } from "@/lib/providers";

/** A provider's display name, or its id when it is no longer offered. */
export function providerLabel(t: { provider: string }): string {
  return getProvider(t.provider)?.label ?? t.provider;
}

/** A model's display name, or its id when it is no longer offered. */
export function modelLabel(t: { provider: string; model: string }): string {
  return getModel(t.provider, t.model)?.label ?? t.model;
}

/** "Segmind · Stable Diffusion 3.5 Large": how every view names a provider/model target. */
export function targetLabel(t: { provider: string; model: string }): string {
  return `${providerLabel(t)} · ${modelLabel(t)}`;
}
