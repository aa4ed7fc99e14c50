import { describe, expect, it, vi } from "vitest";
import type { RunContext } from "./adapter";
import { ProviderError } from "./errors";
import { NOT_FOUND_GRACE_MS, pollUntil, type PollStep } from "./poll";

function fakeCtx(deadlineMs = 10_000) {
  let clock = 5_000;
  const sleeps: number[] = [];
  const progress: { requestId?: string; phase?: string }[] = [];
  const ctx: RunContext = {
    apiKey: "k",
    baseUrl: "https://example.test",
    fetch: () => Promise.reject(new Error("no fetch in this test")),
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    now: () => clock,
    progress: (u) => progress.push(u),
    submitted: async () => {},
    pollIntervalMs: 1000,
    deadline: clock + deadlineMs,
  };
  return { ctx, sleeps, progress };
}

/** A check that plays back the given steps (or throws the given errors) in order. */
function script<T>(...steps: (PollStep<T> | Error)[]) {
  return vi.fn(async (): Promise<PollStep<T>> => {
    const next = steps.shift();
    if (!next) throw new Error("script exhausted");
    if (next instanceof Error) throw next;
    return next;
  });
}

describe("pollUntil", () => {
  it("sleeps between checks, reports each new phase once and returns the value", async () => {
    const { ctx, sleeps, progress } = fakeCtx();
    const check = script<string>(
      { done: false, phase: "starting" },
      { done: false, phase: "starting" },
      { done: false, phase: "processing" },
      { done: true, value: "ok" },
    );
    await expect(pollUntil(ctx, check, { provider: "P", phase: "created" })).resolves.toBe("ok");
    expect(check).toHaveBeenCalledTimes(4);
    expect(sleeps).toEqual([1000, 1000, 1000, 1000]);
    expect(progress).toEqual([{ phase: "starting" }, { phase: "processing" }]);
  });

  it("keeps waiting when one status check times out, but not when the provider reports the job timed out", async () => {
    const { ctx } = fakeCtx();
    const slow = new ProviderError("timeout", "P did not answer within 2 s.", { transport: true });
    const check = script<string>(slow, { done: true, value: "ok" });
    await expect(pollUntil(ctx, check, { provider: "P" })).resolves.toBe("ok");

    const jobTimedOut = new ProviderError("timeout", "P reports the job ran out of time.");
    const failing = script<string>(jobTimedOut, { done: true, value: "never" });
    await expect(pollUntil(fakeCtx().ctx, failing, { provider: "P" })).rejects.toBe(jobTimedOut);
  });

  it("times out past the deadline, after running onTimeout, and names the last status", async () => {
    const { ctx } = fakeCtx(2_500);
    const onTimeout = vi.fn(() => Promise.reject(new Error("cancel failed too")));
    const check = vi.fn(async (): Promise<PollStep<string>> => ({ done: false, phase: "processing" }));
    const err = await pollUntil(ctx, check, { provider: "P", onTimeout }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ code: "timeout", message: "P did not finish within 3 s (last status: processing)." });
    expect(onTimeout).toHaveBeenCalledOnce();
    // 1000 + 1000 + the 500 left before the deadline: one last check right at it.
    expect(check).toHaveBeenCalledTimes(3);
  });

  it("a job left running past the deadline (its cancel refused) is not the job's end: a retry may collect it", async () => {
    const { ctx } = fakeCtx(2_500);
    const onTimeout = vi.fn(async () => new Response(null, { status: 400 }));
    const check = vi.fn(async (): Promise<PollStep<string>> => ({ done: false, phase: "processing" }));
    const err = await pollUntil(ctx, check, { provider: "P", onTimeout }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "timeout", message: "P did not finish within 3 s (last status: processing).", terminal: undefined });
    expect(check).toHaveBeenCalledTimes(3);
  });

  it("a job the provider cancelled for the deadline has ended (terminal), unless one last look finds it finished", async () => {
    const cancelled = async (last: PollStep<string>) => {
      const steps: PollStep<string>[] = [{ done: false, phase: "processing" }, { done: false, phase: "processing" }, { done: false, phase: "processing" }, last];
      const check = vi.fn(async () => steps.shift()!);
      const onTimeout = async () => new Response("{}", { status: 200 });
      return pollUntil(fakeCtx(2_500).ctx, check, { provider: "P", onTimeout }).catch((e: unknown) => e);
    };
    expect(await cancelled({ done: false, phase: "canceled" })).toMatchObject({
      code: "timeout",
      message: "P did not finish within 3 s (last status: processing), so it was cancelled at P.",
      terminal: true,
      mayHaveBilled: true,
    });
    // Replicate accepts a cancel of a prediction that has just succeeded: its image is paid for, and kept.
    expect(await cancelled({ done: true, value: "image" })).toBe("image");
  });

  it("retries transient failures of the status check and notes it once", async () => {
    const { ctx, sleeps } = fakeCtx(600_000);
    const warnings: string[] = [];
    const retryAt = new Date(ctx.now() + 1000 + 30_000);
    const check = script<string>(
      new ProviderError("upstream", "P had a server error (HTTP 503).", { status: 503 }),
      new ProviderError("rate_limited", "P is rate limiting requests (HTTP 429).", { status: 429, retryAt }),
      new ProviderError("network", "P could not be reached."),
      { done: true, value: "ok" },
    );
    await expect(pollUntil(ctx, check, { provider: "P", warnings })).resolves.toBe("ok");
    expect(sleeps).toEqual([1000, 1000, 29_000, 1000]);
    expect(warnings).toEqual(["P: a status check failed (P had a server error (HTTP 503).) and was retried."]);
  });

  it("gives up after too many transient failures in a row", async () => {
    const { ctx } = fakeCtx(600_000);
    const fail = () => new ProviderError("upstream", "boom", { status: 502 });
    const check = script<string>(fail(), fail(), fail(), fail(), { done: true, value: "never" });
    await expect(pollUntil(ctx, check, { provider: "P" })).rejects.toMatchObject({ code: "upstream", status: 502 });
    expect(check).toHaveBeenCalledTimes(4);
  });

  it("a 404 just after the submit is the queue catching up and is retried; later it ends the poll (the job is gone)", async () => {
    const notFound = () => new ProviderError("upstream", "P could not find the model or request (HTTP 404).", { status: 404 });
    const early = fakeCtx(600_000);
    // Five in a row, more than the 3 transient failures tolerated: within the grace it is time that bounds them.
    const catchingUp = script<string>(...Array.from({ length: 5 }, notFound), { done: false, phase: "in queue" }, { done: true, value: "ok" });
    await expect(pollUntil(early.ctx, catchingUp, { provider: "P" })).resolves.toBe("ok");
    const neverKnown = script<string>(...Array.from({ length: 30 }, notFound));
    await expect(pollUntil(fakeCtx(600_000).ctx, neverKnown, { provider: "P" })).rejects.toMatchObject({ status: 404 });
    expect(neverKnown).toHaveBeenCalledTimes(NOT_FOUND_GRACE_MS / 1000);

    const late = fakeCtx(600_000);
    const gone = script<string>({ done: false, phase: "in progress" }, notFound(), { done: true, value: "never" });
    await expect(pollUntil(late.ctx, gone, { provider: "P", startedAt: late.ctx.now() - NOT_FOUND_GRACE_MS })).rejects.toMatchObject({ status: 404 });
    expect(gone).toHaveBeenCalledTimes(2);
  });

  it("does not retry a job the provider reports as failed", async () => {
    const { ctx } = fakeCtx();
    const check = script<string>(new ProviderError("rate_limited", "the model's provider is rate limiting"));
    await expect(pollUntil(ctx, check, { provider: "P" })).rejects.toMatchObject({ code: "rate_limited" });
    expect(check).toHaveBeenCalledOnce();
  });
  describe("a person's cancel", () => {
    const cancelled = (ok: boolean) => {
      const { ctx } = fakeCtx();
      const send = vi.fn(async () => new Response(null, { status: ok ? 200 : 400 }));
      return { ctx: { ...ctx, cancelRequested: async () => true }, send, cancel: { send, billing: "Not billed.", mayBill: false } };
    };

    it("ends canceled when the provider accepts it and the job has not finished", async () => {
      const { ctx, send, cancel } = cancelled(true);
      const check = script<string>({ done: false, phase: "canceled soon" });
      await expect(pollUntil(ctx, check, { provider: "P", cancel })).rejects.toMatchObject({
        code: "canceled",
        message: "Cancelled at P before it finished. Not billed.",
      });
      expect(send).toHaveBeenCalledTimes(1);
    });

    it("keeps the result of a job that finished just before the accepted cancel reached the provider", async () => {
      const { ctx, cancel } = cancelled(true);
      const check = script<string>({ done: true, value: "paid image" });
      await expect(pollUntil(ctx, check, { provider: "P", cancel })).resolves.toBe("paid image");
    });

    it("ends canceled when the look after an accepted cancel fails (the provider reports it cancelled)", async () => {
      const { ctx, cancel } = cancelled(true);
      const check = script<string>(new ProviderError("upstream", "P reports the job was cancelled."));
      await expect(pollUntil(ctx, check, { provider: "P", cancel })).rejects.toMatchObject({ code: "canceled" });
    });

    it("notes a refused cancel once and polls the job to its end", async () => {
      const { ctx, send, cancel } = cancelled(false);
      const warnings: string[] = [];
      const check = script<string>({ done: false }, { done: true, value: "ran on" });
      await expect(pollUntil(ctx, check, { provider: "P", cancel, warnings })).resolves.toBe("ran on");
      expect(send).toHaveBeenCalledTimes(1);
      expect(warnings).toEqual(["P did not accept the cancel (HTTP 400), so the job ran on."]);
    });
  });
});
