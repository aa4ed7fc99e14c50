import "server-only";
import { env, type ProviderMode } from "@/lib/env";
import { providerIds, providers, type ProviderId } from "./index";

export interface ProviderStatus {
  mode: ProviderMode;
  keyEnv: string;
}

/** What the browser may know about each provider's configuration: its mode and the variable to set. Never the key. */
export function providerStatuses(): Record<ProviderId, ProviderStatus> {
  const config = env().providers;
  return Object.fromEntries(
    providerIds.map((id) => [id, { mode: config[id].mode, keyEnv: providers[id].keyEnv }]),
  ) as Record<ProviderId, ProviderStatus>;
}
