import "server-only";
import type { ProviderId } from "./index";
import type { ProviderAdapter } from "./adapter";
import { aimlapiAdapter } from "./aimlapi/client";
import { segmindAdapter } from "./segmind/client";
import { eachlabsAdapter } from "./eachlabs/client";
import { imagepipelineAdapter } from "./imagepipeline/client";

/** Server halves, keyed by the same ids as the client registry; the compiler checks none is missing. */
export const adapters = {
  aimlapi: aimlapiAdapter,
  segmind: segmindAdapter,
  eachlabs: eachlabsAdapter,
  imagepipeline: imagepipelineAdapter,
} satisfies Record<ProviderId, ProviderAdapter>;
