import type { GenerationDTO, ImageDTO } from "@/lib/db/dto";

/** A stored generation for unit tests; override what the test is about. */
export function generation(over: Partial<GenerationDTO>): GenerationDTO {
  return {
    id: "g1",
    runId: "r1",
    position: 0,
    createdAt: "2026-01-02T03:04:05.000Z",
    provider: "aimlapi",
    model: "stable-diffusion-v35-large",
    emulated: false,
    prompt: "a lighthouse",
    input: {},
    sent: null,
    seed: null,
    status: "succeeded",
    phase: null,
    attempts: 1,
    startedAt: null,
    finishedAt: null,
    timings: { waitMs: 5, providerMs: 1200, downloadMs: 30 },
    cost: { amount: 6.5, unit: "credits" },
    providerRequestId: "req-1",
    warnings: [],
    error: null,
    images: [],
    cell: null,
    cancelRequested: false,
    notBilled: false,
    countedUsd: null,
    ...over,
  };
}

/** A stored image of the given size. */
export const image = (width: number, height: number): ImageDTO => ({
  id: "i1",
  index: 0,
  url: "/api/images/i1",
  thumbUrl: "/api/images/i1?thumb=1",
  viewUrl: "/api/images/i1?view=1",
  mime: "image/png",
  width,
  height,
  bytes: 100,
  nsfw: null,
});
