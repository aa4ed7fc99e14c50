import "server-only";
import { randomUUID } from "node:crypto";
import { env, scrubSecrets } from "@/lib/env";
import { getModel, getProvider, isProviderId } from "@/lib/providers";
import { adapters } from "@/lib/providers/server";
import type { RunContext } from "@/lib/providers/adapter";
import { ProviderError } from "@/lib/providers/errors";
import { timedFetch } from "@/lib/providers/http";
import { fieldsByRole } from "@/lib/params/roles";
import { completeGeneration, failGeneration, updateRunning, type StoredImage } from "@/lib/db/generations";
import type { GenerationDTO } from "@/lib/db/dto";
import { InvalidImageError, storeImage } from "@/lib/storage/images";
import { downloadImage } from "./download";

/** Runs one claimed generation to its end: submit, poll, download, store. Never throws. */
export async function executeGeneration(gen: GenerationDTO, signal: AbortSignal): Promise<void> {
  const config = env();
  const provider = getProvider(gen.provider);
  const model = getModel(gen.provider, gen.model);
  const label = provider?.label ?? gen.provider;
  let providerStarted: number | undefined;
  let sentSeed: string | null = null;
  const warnings: string[] = [];
  const releases: (() => void)[] = [];
  try {
    if (!provider || !model || !isProviderId(gen.provider)) {
      throw new ProviderError("internal", `Unknown provider or model ${gen.provider}/${gen.model}.`);
    }
    const pc = config.providers[gen.provider];
    if (pc.mode === "missing" || !pc.apiKey) {
      throw new ProviderError("not_configured", `${label} is not configured: set ${provider.keyEnv} on the server.`);
    }
    // The form input was validated when it was stored; validate again, the schema is the authority.
    const parsed = model.schema.safeParse(gen.input);
    if (!parsed.success) {
      throw new ProviderError("invalid_input", `The stored parameters no longer match ${label}'s schema.`, {
        providerMessage: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
      });
    }
    const input = parsed.data as Record<string, unknown>;
    const seedField = fieldsByRole(model.schema).seed;
    const seedValue = seedField ? input[seedField] : undefined;
    sentSeed = typeof seedValue === "number" && seedValue >= 0 ? String(seedValue) : null;

    const adapter = adapters[gen.provider];
    const req = adapter.buildRequest({ model, input, baseUrl: pc.baseUrl, apiKey: pc.apiKey });
    await updateRunning(gen.id, { sent: req.body, phase: "submitting", emulated: pc.mode === "emulated" });

    const fetcher = timedFetch(label, config.PROVIDER_TIMEOUT_MS, signal);
    let requestId: string | undefined;
    const ctx: RunContext = {
      apiKey: pc.apiKey,
      baseUrl: pc.baseUrl,
      fetch: fetcher,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      now: () => Date.now(),
      progress: (update) => {
        if (update.requestId) requestId = update.requestId;
        void updateRunning(gen.id, { phase: update.phase, providerRequestId: update.requestId }).catch(() => {});
      },
      submitted: async (id) => {
        requestId = id;
        await updateRunning(gen.id, { phase: "submitted", providerRequestId: id });
      },
      pollIntervalMs: config.POLL_INTERVAL_MS,
      deadline: Date.now() + config.GENERATION_DEADLINE_MS,
    };
    providerStarted = performance.now();
    // A job submitted before a restart is collected, not sent again (recoverInterrupted kept its id).
    const resumeId = gen.providerRequestId;
    const outcome = resumeId && adapter.resume ? await adapter.resume(resumeId, req, ctx, model) : await adapter.run(req, ctx, model);
    if (resumeId && adapter.resume) warnings.push("Collected after a server restart interrupted the wait.");
    const providerMs = Math.round(performance.now() - providerStarted);
    warnings.push(...outcome.warnings);
    if (outcome.images.length === 0) {
      throw new ProviderError("upstream", `${label} reported success but returned no image.`);
    }
    void updateRunning(gen.id, { phase: "downloading" }).catch(() => {});

    const downloadStarted = performance.now();
    const images: StoredImage[] = await Promise.all(
      outcome.images.map(async (source) => {
        const bytes = await downloadImage(source, { providerLabel: label, fetch: fetcher, maxBytes: config.DOWNLOAD_MAX_BYTES });
        try {
          const { release, ...stored } = await storeImage(bytes);
          releases.push(release);
          return { ...stored, nsfw: source.nsfw };
        } catch (error) {
          if (error instanceof InvalidImageError) {
            throw new ProviderError("upstream", `${label} returned a malformed image: ${error.message}`);
          }
          throw error;
        }
      }),
    );
    const downloadMs = Math.round(performance.now() - downloadStarted);

    await completeGeneration(gen.id, {
      seed: outcome.seed ?? sentSeed,
      providerMs,
      downloadMs,
      cost: outcome.cost,
      providerRequestId: outcome.requestId ?? requestId,
      warnings: warnings.map((w) => scrubSecrets(w)),
      images,
    });
  } catch (error) {
    const providerMs = providerStarted != null ? Math.round(performance.now() - providerStarted) : undefined;
    if (error instanceof ProviderError) {
      await failGeneration(gen.id, {
        code: error.code,
        message: scrubSecrets(error.message),
        providerMessage: scrubSecrets(error.providerMessage),
        retryAt: error.retryAt,
        providerMs,
        seed: sentSeed,
        warnings: warnings.map((w) => scrubSecrets(w)),
      }).catch((e: unknown) => console.error("[runner] could not record failure", gen.id, e));
      return;
    }
    // Unexpected: full detail in the server log, a generic message plus a reference for the person.
    const reference = randomUUID().slice(0, 8);
    console.error(`[runner] generation ${gen.id} failed unexpectedly (ref ${reference})`, error);
    await failGeneration(gen.id, {
      code: "internal",
      message: `Something went wrong in the playground while running this generation (reference ${reference}).`,
      providerMs,
      seed: sentSeed,
      warnings: warnings.map((w) => scrubSecrets(w)),
    }).catch((e: unknown) => console.error("[runner] could not record failure", gen.id, e));
  } finally {
    for (const release of releases) release();
  }
}
