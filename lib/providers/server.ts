import "server-only";
import type { ProviderId } from "./index";
import type { ProviderAdapter } from "./adapter";
import { aimlapiAdapter } from "./aimlapi/adapter";
import { segmindAdapter } from "./segmind/adapter";
import { eachlabsAdapter } from "./eachlabs/adapter";
import { imagepipelineAdapter } from "./imagepipeline/adapter";
import { replicateAdapter } from "./replicate/adapter";
import { deepinfraAdapter } from "./deepinfra/adapter";
import { stabilityAdapter } from "./stability/adapter";
import { falAdapter } from "./fal/adapter";

/** Server halves, keyed by the same ids as the client registry; the compiler checks none is missing. */
export const adapters = {
  aimlapi: aimlapiAdapter,
  segmind: segmindAdapter,
  eachlabs: eachlabsAdapter,
  imagepipeline: imagepipelineAdapter,
  replicate: replicateAdapter,
  deepinfra: deepinfraAdapter,
  stability: stabilityAdapter,
  fal: falAdapter,
} satisfies Record<ProviderId, ProviderAdapter>;
