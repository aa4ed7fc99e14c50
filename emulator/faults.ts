/**
 * Fault injection and latency.
 *
 * Per request, through directives anywhere in the prompt (the app passes prompts through untouched):
 *   [[latency:1500]]            delay in ms (sync: before answering; async: until the job completes)
 *   [[emulate:429]]             one fault; several directives, or a comma list [[emulate:expired-url,shape:images]]
 * Per provider, through POST /__emulator/config (see server.ts): a latency and a fault for the next N requests.
 */
import { PROVIDERS, type ProviderId } from "./providers";

export { PROVIDERS, type ProviderId };

export function isProviderId(v: unknown): v is ProviderId {
  return typeof v === "string" && (PROVIDERS as readonly string[]).includes(v);
}

export const FAULTS = [
  "401",
  "quota",
  "429",
  "500",
  "hang",
  "malformed",
  "expired-url",
  "never-finish",
  "fail",
  "nsfw",
  "pending",
  "shape:data",
  "shape:images",
  "words:alt",
  /** A batch answered with one image only (Segmind), as seen from the real API. */
  "short-batch",
  /** A refusal by the provider's moderation before generating (Stability's 403 content_moderation). */
  "moderation",
] as const;
export type Fault = (typeof FAULTS)[number];

export function isFault(v: unknown): v is Fault {
  return typeof v === "string" && (FAULTS as readonly string[]).includes(v);
}

/** Which requests a configured fault applies to: generation submits (default) or status polls. */
export type FaultPhase = "submit" | "poll";

export interface ProviderConfig {
  latencyMs: number;
  fault: Fault | null;
  /** Remaining requests the fault applies to; null = unlimited. */
  times: number | null;
  phase: FaultPhase;
}

export function defaultConfig(): ProviderConfig {
  return { latencyMs: 0, fault: null, times: null, phase: "submit" };
}

/** Longest latency honoured; keeps timers within setTimeout's range. */
export const MAX_LATENCY_MS = 24 * 60 * 60 * 1000;

export interface Directives {
  faults: Fault[];
  latencyMs?: number;
  /** Directive values that named no known fault (ignored, reported in a response header). */
  unknown: string[];
}

const DIRECTIVE = /\[\[\s*(latency|emulate)\s*:\s*([^\]]*?)\s*\]\]/gi;

export function parseDirectives(prompt: unknown): Directives {
  const out: Directives = { faults: [], unknown: [] };
  if (typeof prompt !== "string") return out;
  for (const m of prompt.matchAll(DIRECTIVE)) {
    const kind = (m[1] ?? "").toLowerCase();
    const value = m[2] ?? "";
    if (kind === "latency") {
      const ms = Number(value.replace(/ms$/i, ""));
      if (Number.isFinite(ms) && ms >= 0) out.latencyMs = Math.min(ms, MAX_LATENCY_MS);
      else out.unknown.push(`latency:${value}`);
      continue;
    }
    for (const part of value.split(",")) {
      const name = part.trim().toLowerCase();
      if (!name) continue;
      if (isFault(name)) out.faults.push(name);
      else out.unknown.push(name);
    }
  }
  return out;
}

/** What one request should suffer: its faults and its latency. */
export interface Plan {
  faults: ReadonlySet<Fault>;
  latencyMs: number;
  unknown: string[];
}

export function has(plan: Plan, ...faults: Fault[]): boolean {
  return faults.some((f) => plan.faults.has(f));
}

/**
 * Combines the provider's configured fault (consuming one of its `times` when the phase matches) with the prompt's
 * directives. A prompt latency overrides the configured one.
 */
export function makePlan(config: ProviderConfig, phase: FaultPhase, prompt: unknown): Plan {
  const directives = phase === "submit" ? parseDirectives(prompt) : { faults: [], unknown: [] };
  const faults = new Set<Fault>(directives.faults);
  if (config.fault && config.phase === phase && (config.times === null || config.times > 0)) {
    faults.add(config.fault);
    if (config.times !== null) {
      config.times -= 1;
      if (config.times === 0) {
        config.fault = null;
        config.times = null;
      }
    }
  }
  return {
    faults,
    latencyMs: (phase === "submit" ? directives.latencyMs : undefined) ?? config.latencyMs,
    unknown: directives.unknown,
  };
}
