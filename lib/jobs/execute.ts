import "server-only";
import { env, scrubSecrets, type ProviderConfig } from "@/lib/env";
import { getModel, getProvider, isProviderId } from "@/lib/providers";
import { adapters } from "@/lib/providers/server";
import type { RunContext } from "@/lib/providers/adapter";
import { ProviderError } from "@/lib/providers/errors";
import { fieldsByRole } from "@/lib/params/roles";
import { timedFetch } from "@/lib/providers/http";
import type { ModelDefinition } from "@/lib/providers/types";
import { completeGeneration, failGeneration, parseRecovery, updateRunning, type Claim, type Recovery } from "@/lib/db/queue";
import type { ClaimedGeneration } from "@/lib/db/claim";
import { COLLECTING } from "@/lib/db/dto";
import { retryUnavailable } from "@/lib/db/health";
import { CANCELED_BEFORE_SENDING, isCancelRequested } from "@/lib/db/cancel";
import { downloadGuard } from "./download";
import { keepInlineBytes, storeAll, withBytes } from "./store";
import { cancelWatch, lateCancelNote } from "./cancel-watch";
import { withoutInlineImages } from "@/lib/input-images";
import { collectable, logUnexpected, whileFollowing } from "./following";
import { countWarning } from "@/lib/results/facts";

type Fetcher = (url: string, init?: RequestInit) => Promise<Response>;

/** Runs one claimed generation to its end: submit, poll, download, store. Never throws. */
export async function executeGeneration(gen: ClaimedGeneration, signal: AbortSignal, workerId: string): Promise<void> {
  const config = env();
  const claim: Claim = { id: gen.id, workerId, attempt: gen.attempts };
  const provider = getProvider(gen.provider);
  const model = getModel(gen.provider, gen.model);
  const label = provider?.label ?? gen.provider;
  let sentSeed: string | null = null;
  let answer: Recovery | undefined;
  const warnings: string[] = [];
  const releases: ((recorded: boolean) => Promise<void>)[] = [];
  let recorded = false;
  // Whether the provider holds an async job of ours (accepted before a restart, or once it gives the id), and whether
  // our request went out at all (a provider bills a sync call it answered, whatever became of that answer here).
  const job: Job = { accepted: false, sent: false, answered: false };
  const started = performance.now();
  // Waited out like a result. An answer with images was billed, whatever became of them (an expired link, a bad file).
  const fail = (data: Parameters<typeof failGeneration>[1]) =>
    retryUnavailable(() => failGeneration(claim, {
      providerMs: answer?.providerMs,
      seed: sentSeed,
      charged: answer?.cost, billed: answer !== undefined,
      ...data,
      message: scrubSecrets(data.message),
      providerMessage: scrubSecrets(data.providerMessage),
      warnings: [...warnings, ...(answer?.warnings ?? [])].map((w) => scrubSecrets(w)),
    }), 60_000).catch((e: unknown) => console.error("[runner] could not record failure", gen.id, e));
  try {
    // The provider already answered (a crash or a storage failure came after): fetch its images, don't call it again.
    // Read first: an answer paid for is kept through any failure before its images are fetched.
    const kept = parseRecovery(gen.keptAnswer);
    answer = kept ?? undefined;
    if (!provider || !model || !isProviderId(gen.provider)) {
      throw new ProviderError("internal", `Unknown provider or model ${gen.provider}/${gen.model}.`);
    }
    const pc = config.providers[gen.provider];
    // A job sent before a restart is collected by id (callProvider): that needs the key, not the schema of today.
    const resuming = Boolean(gen.providerRequestId && adapters[pc.id].resume);
    job.accepted = resuming;
    if (!kept) assertConfigured(pc, { label, keyEnv: provider.keyEnv, resuming });
    const input = storedInput(gen, model, label, Boolean(kept) || resuming);
    sentSeed = seedSent(model, input);

    const fetcher = timedFetch(label, config.PROVIDER_TIMEOUT_MS, signal);
    // Image links come from the answer: followed only to public addresses or the provider's configured hosts.
    const downloader = timedFetch(label, config.PROVIDER_TIMEOUT_MS, signal, downloadGuard(label, [pc.baseUrl, ...Object.values(pc.baseUrls ?? {})]));
    if (kept) warnings.push(`Images fetched again from ${label}'s earlier answer; ${label} was not called again.`);
    const delivered = (answer = kept ?? (await callProvider(gen, claim, { input, model, label, pc, fetcher, signal }, job)));

    const downloadStarted = performance.now();
    // Answer kept and late cancel read while the images download; all settle before an error is acted on.
    const [images, , lateCancel] = await settled([
      storeAll(delivered, { label, fetcher: downloader, maxBytes: config.DOWNLOAD_MAX_BYTES, releases }),
      kept ? null : noteDownloading(claim, delivered),
      kept ? false : cancelWatch(gen.id)(),
    ] as const);
    if (lateCancel) warnings.push(lateCancelNote(label, Boolean(adapters[pc.id].resume)));
    const { seed, providerMs, cost, requestId: providerRequestId } = answer;
    const downloadMs = downloadTime(gen, kept, downloadStarted);
    // A job collected on a person's Retry ran at the provider while no one watched: how long it took is not known.
    const result = { seed: seed ?? sentSeed, providerMs: gen.phase === COLLECTING ? null : providerMs, downloadMs, cost, providerRequestId, images, warnings: notes([...warnings, ...answer.warnings], { input, status: "succeeded", images }, model) };
    // Paid for and stored: a database that blinks now is waited out rather than turned into a failure.
    recorded = await retryUnavailable(() => completeGeneration(claim, result), 60_000);
    if (!recorded) console.warn(`[runner] generation ${gen.id} was taken over by another worker; its result was not recorded twice`);
  } catch (error) {
    if (error instanceof ProviderError) {
      // Answered with a success status, yet the answer could not be used (not JSON, no image, no job id): the provider
      // did the work, and may bill it. Unless the error itself says (the provider's own verdict, a body cut short).
      const unusable = job.answered && !job.accepted && answer === undefined && !error.terminal && error.mayHaveBilled === undefined;
      await fail({
        code: error.code,
        message: unusable ? `${error.message} ${label} had answered the request as done, so it may have been billed; Retry sends it again, which is charged again.` : error.message,
        providerMessage: error.providerMessage,
        retryAt: error.retryAt, billed: answer !== undefined || error.mayHaveBilled === true || unusable,
        providerMs: answer?.providerMs ?? Math.round(performance.now() - started),
        // As after an unexpected error, an internal one keeps the answer: a retry saves it without calling the provider.
        recovery: error.code === "storage" || error.code === "internal" ? answer && withBytes(answer) : undefined,
        // Its answer not yet had: a retry collects the job by its id (lib/db/queue.ts requeueGeneration).
        collect: job.accepted && answer === undefined && collectable(error),
      });
      return;
    }
    const reference = logUnexpected(gen.id, error);
    // A job the provider accepted may be billed: its estimate stands, for the retry that collects it. So does a sync
    // request that went out: the retry sends it again (never on its own), and its cost is shown before.
    const sentOnly = job.sent && !job.accepted && answer === undefined;
    await fail({
      code: "internal",
      message: `Something went wrong in the playground while running this generation (reference ${reference}).${sentOnly ? ` ${label} had already received the request, so it may have been billed; Retry sends it again, which is charged again.` : ""}`,
      // Paid for already: a retry saves the kept answer instead of calling the provider again.
      recovery: answer && withBytes(answer),
      billed: answer !== undefined || job.accepted || job.sent,
      collect: job.accepted && answer === undefined,
    });
  } finally {
    // Recorded: each file is made sure of once more (a removal in another process may have raced the record).
    await Promise.all(releases.map((release) => release(recorded))).catch((error: unknown) =>
      console.error(`[runner] generation ${gen.id}: an image file could not be written again after a removal raced it`, error),
    );
  }
}

/** A result's notes, free of secrets, with a batch that came back short said on the result itself (for the API too). */
function notes(warnings: string[], result: Parameters<typeof countWarning>[0], model: ModelDefinition): string[] {
  const short = countWarning(result, model);
  return [...warnings, ...(short ? [short] : [])].map((w) => scrubSecrets(w));
}

/** The provider's key is set; a job it had already accepted (`resuming`) may have been billed, and stays counted. */
function assertConfigured(pc: ProviderConfig, opts: { label: string; keyEnv: string; resuming: boolean }): void {
  if (pc.mode !== "missing" && pc.apiKey) return;
  // Kept collectable: a retry once the key is back collects the job by its id (lib/db/queue.ts requeueGeneration).
  const accepted = opts.resuming
    ? ` ${opts.label} had already accepted this job, so it may have been billed; retrying once the key is set collects it by its id, without sending it again.`
    : "";
  throw new ProviderError("not_configured", `${opts.label} is not configured: set ${opts.keyEnv} on the server.${accepted}`, {
    mayHaveBilled: opts.resuming,
  });
}

/**
 * The stored input, validated again: the schema is the authority over what is sent. Work already sent (`sent`: a kept
 * answer, only downloaded, or a job collected by id, only polled) is not sent again, so a schema changed since (a
 * deploy) does not fail it: it goes on with the input as stored.
 */
function storedInput(gen: ClaimedGeneration, model: ModelDefinition, label: string, sent: boolean): Record<string, unknown> {
  const parsed = model.schema.safeParse(gen.input);
  if (parsed.success) return parsed.data as Record<string, unknown>;
  if (sent) return gen.input as Record<string, unknown>;
  throw new ProviderError("invalid_input", `The stored parameters no longer match ${label}'s schema.`, {
    providerMessage: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
  });
}

/**
 * A key holding a character outside printable ASCII (a curly quote, a line break, a space pasted with it) is refused
 * here: fetch would refuse the header before connecting, which reads as "could not be reached". Nothing is sent.
 */
function assertSendableKey(key: string, label: string, keyEnv: string): void {
  const at = key.search(/[^\x21-\x7e]/);
  if (at < 0) return;
  throw new ProviderError(
    "not_configured",
    `${label}'s key in ${keyEnv} cannot be sent: character ${at + 1} is not plain text (a curly quote, a line break or a space pasted with it). Set it again as the key alone.`,
  );
}

/**
 * Keeps the answer's links (enough to fetch the images again after a crash) as the download starts. Only for a crash
 * meanwhile: a database that is busy or blinks is waited out, and one that stays so does not fail images that arrive.
 */
function noteDownloading(claim: Claim, answer: Recovery): Promise<unknown> {
  const recovery = answer.images.every((i) => i.kind === "url") ? answer : undefined;
  return retryUnavailable(() => updateRunning(claim, { phase: "downloading", recovery }), 60_000).catch((error: unknown) =>
    console.error(`[runner] generation ${claim.id}: the provider's answer could not be kept before downloading`, error),
  );
}

/**
 * Time since the job's start, or since `from` if later. A job taken over from a lost worker keeps that attempt's start
 * (lib/db/claim.ts), so the time the takeover took is booked to the step the lost worker was in, and wait + provider
 * + download still spans submission to the end. Never less than `measured` (this process's own measure): the lost
 * worker's clock may differ from this one's.
 */
function sinceStart(gen: ClaimedGeneration, measured: number, from = 0): number {
  if (!gen.startedAt) return Math.round(measured);
  return Math.round(Math.max(measured, Date.now() - Math.max(Date.parse(gen.startedAt), from)));
}

/** An async job collected by id after a takeover has been the provider's since its send, at the lost attempt's start. */
function providerTime(gen: ClaimedGeneration, resuming: boolean, providerStarted: number): number {
  const measured = performance.now() - providerStarted;
  return resuming ? sinceStart(gen, measured) : Math.round(measured);
}

/**
 * A kept answer's download began when the provider answered (the first wait and the provider's time after
 * submission), or at the attempt's start if later: a download retried by hand starts at its claim, and so does a
 * takeover of one.
 */
function downloadTime(gen: ClaimedGeneration, kept: Recovery | null, downloadStarted: number): number {
  const measured = performance.now() - downloadStarted;
  if (!kept) return Math.round(measured);
  return sinceStart(gen, measured, Date.parse(gen.createdAt) + (gen.timings.waitMs ?? 0) + kept.providerMs);
}

/** Like Promise.all, but waits for every promise before it throws the first error (in the order given). */
async function settled<T extends readonly unknown[]>(promises: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const results = await Promise.allSettled(promises);
  for (const r of results) if (r.status === "rejected") throw r.reason;
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
}

/** The seed the request carries, as text; null when it asks for a random one (no seed, or -1). */
function seedSent(model: ModelDefinition, input: Record<string, unknown>): string | null {
  const field = fieldsByRole(model.schema).seed;
  const value = field ? input[field] : undefined;
  // A seed past 2^53 is held as its digits (lib/params/wide-seed.ts).
  if (typeof value === "string" && /^\d+$/.test(value)) return value;
  return typeof value === "number" && value >= 0 ? String(value) : null;
}

/** How far the call got: sent, answered with a success status, accepted as a job with an id. */
type Job = { accepted: boolean; sent: boolean; answered: boolean };
type CallArgs = { input: Record<string, unknown>; model: ModelDefinition; label: string; pc: ProviderConfig; fetcher: Fetcher; signal: AbortSignal };

/**
 * Sends the request (and follows an async job) until the provider's answer is known. The exact wire body is
 * recorded before the call and an async job's id as soon as the provider gives it (ctx.submitted), so after a
 * crash the job is collected by id, and a call that may have been billed is never sent again on its own.
 */
async function callProvider(gen: ClaimedGeneration, claim: Claim, args: CallArgs, job: Job): Promise<Recovery> {
  try {
    return await sendAndCollect(gen, claim, args, job);
  } catch (error) {
    throw job.accepted ? whileFollowing(error, gen.id, args.label) : error;
  }
}

async function sendAndCollect(gen: ClaimedGeneration, claim: Claim, args: CallArgs, job: Job): Promise<Recovery> {
  const config = env();
  const { pc, label } = args;
  assertSendableKey(pc.apiKey!, label, getProvider(pc.id)?.keyEnv ?? pc.id);
  const adapter = adapters[pc.id];
  const req = adapter.buildRequest({ model: args.model, input: args.input, baseUrl: pc.baseUrl, baseUrls: pc.baseUrls, apiKey: pc.apiKey! });
  let requestId: string | undefined;
  const ctx: RunContext = {
    apiKey: pc.apiKey!,
    baseUrl: pc.baseUrl,
    fetch: async (url, init) => {
      job.sent = true;
      const res = await args.fetcher(url, init);
      if (res.ok) job.answered = true;
      return res;
    },
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: () => Date.now(),
    progress: (update) => {
      if (update.requestId) requestId = update.requestId;
      void updateRunning(claim, { phase: update.phase, providerRequestId: update.requestId }).catch(() => {});
    },
    submitted: async (id) => {
      requestId = id;
      job.accepted = true;
      // Recorded so a crash can collect the job by id; a database that blinks (busy, or a dropped connection) is
      // waited out, and one gone for longer does not stop this process collecting the job it has the id of.
      await retryUnavailable(() => updateRunning(claim, { phase: "submitted", providerRequestId: id }), 60_000).catch((error: unknown) =>
        console.error(`[runner] generation ${gen.id}: the job id ${id} could not be recorded; collecting it anyway`, error),
      );
    },
    pollIntervalMs: config.POLL_INTERVAL_MS,
    deadline: Date.now() + config.GENERATION_DEADLINE_MS,
    cancelRequested: cancelWatch(gen.id),
  };
  // A job submitted before a restart is collected, not sent again (recovery kept its id).
  const resumeId = gen.providerRequestId;
  const resuming = Boolean(resumeId && adapter.resume);
  if (!resuming) {
    // The input already holds any uploaded image; `sent` notes it rather than storing it a second time. Recorded
    // only if nobody cancelled it since the claim: the last moment it can end without anything sent or billed.
    // Nothing is sent yet, so a busy or blinking database is simply waited out.
    const stored = await retryUnavailable(
      () => updateRunning(claim, { sent: withoutInlineImages(req.body), phase: "submitting", emulated: pc.mode === "emulated" }, true),
      60_000,
    );
    if (!stored && (await isCancelRequested(gen.id))) throw new ProviderError("canceled", CANCELED_BEFORE_SENDING);
    if (!stored) throw new ProviderError("internal", "This generation was taken over by another worker before it was sent.");
  }
  const providerStarted = performance.now();
  const outcome = resuming ? await adapter.resume!(resumeId!, req, ctx, args.model) : await adapter.run(req, ctx, args.model);
  const answer: Recovery = {
    images: outcome.images.map((source) =>
      source.kind === "url" ? { kind: "url", url: source.url, nsfw: source.nsfw } : { kind: "bytes", base64: "", mime: source.mime, nsfw: source.nsfw },
    ),
    seed: outcome.seed,
    requestId: outcome.requestId ?? requestId,
    cost: outcome.cost,
    warnings: [...(resuming ? ["Collected by its id after the earlier wait for it was interrupted."] : []), ...outcome.warnings],
    providerMs: providerTime(gen, resuming, providerStarted),
  };
  if (outcome.images.length === 0) {
    throw new ProviderError("upstream", `${label} reported success but returned no image.`);
  }
  keepInlineBytes(answer, outcome.images.map((s) => (s.kind === "bytes" ? s.data : null)));
  return answer;
}
