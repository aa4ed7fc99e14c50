import { z } from "zod";
import type { ModelDefinition } from "./types";
import type { RunContext } from "./adapter";

/**
 * Test support for provider adapters (imported only by *.test.ts): a RunContext whose fetch plays back queued
 * responses, a clock that only moves when the adapter sleeps, and records of every call, sleep and progress report.
 */
export function fakeContext(opts: {
  apiKey: string;
  baseUrl: string;
  responses: (Response | Error)[];
  now?: number;
  deadlineMs?: number;
  pollIntervalMs?: number;
}) {
  let clock = opts.now ?? 1_000_000;
  const queue = [...opts.responses];
  const calls: { url: string; method?: string; headers?: HeadersInit; body?: unknown }[] = [];
  const progress: { requestId?: string; phase?: string }[] = [];
  const sleeps: number[] = [];
  const ctx: RunContext = {
    apiKey: opts.apiKey,
    baseUrl: opts.baseUrl,
    fetch: async (url, init) => {
      calls.push({ url, method: init?.method, headers: init?.headers, body: init?.body });
      const next = queue.shift();
      if (!next) throw new Error(`unexpected fetch ${url}`);
      if (next instanceof Error) throw next;
      return next;
    },
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    now: () => clock,
    progress: (u) => progress.push(u),
    submitted: async (requestId) => {
      progress.push({ requestId });
    },
    pollIntervalMs: opts.pollIntervalMs ?? 1000,
    deadline: clock + (opts.deadlineMs ?? 60_000),
  };
  return { ctx, calls, progress, sleeps };
}

/** A JSON response (a string body is sent as it is, for malformed-body tests). */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(typeof body === "string" ? body : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** A model no provider has, for "refuses a model it does not know". */
export function unknownModel(id: string): ModelDefinition {
  return { id, label: id, family: "sd3.5-large", schema: z.object({}), defaults: {} };
}
