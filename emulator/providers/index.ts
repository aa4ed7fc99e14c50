import type { Ctx } from "../wire";
import { handleAimlapi } from "./aimlapi/handler";
import { handleEachlabs } from "./eachlabs/handler";
import { handleImagePipeline } from "./imagepipeline/handler";
import { handleSegmind } from "./segmind/handler";
import { handleReplicate } from "./replicate/handler";
import { handleDeepInfra } from "./deepinfra/handler";
import { handleStability } from "./stability/handler";
import { handleFal } from "./fal/handler";

/**
 * The emulator's registry: one folder and one line per provider, mounted at /<id>. Its own list (the emulator
 * shares no code with the app); emulator/providers.test.ts pins it to the app's registry.
 */
export const HANDLERS = {
  aimlapi: handleAimlapi,
  segmind: handleSegmind,
  eachlabs: handleEachlabs,
  imagepipeline: handleImagePipeline,
  replicate: handleReplicate,
  deepinfra: handleDeepInfra,
  stability: handleStability,
  fal: handleFal,
} satisfies Record<string, (ctx: Ctx) => Promise<void>>;

export type ProviderId = keyof typeof HANDLERS;
export const PROVIDERS = Object.keys(HANDLERS) as ProviderId[];
