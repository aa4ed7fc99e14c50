import "server-only";
import type { ModelDefinition } from "@/lib/providers/types";

/** The exact request we send: the stored "parameters as sent" are `body`; headers carry the key and are never stored. */
export interface WireRequest {
  method: "POST";
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  /** How lib/providers/http.ts sends `body`: JSON when absent; "multipart" for form fields and files. */
  encoding?: "multipart";
}

export type ImageSource =
  | { kind: "url"; url: string; nsfw?: boolean }
  | { kind: "bytes"; data: Uint8Array; mime: string; nsfw?: boolean };

export interface RunOutcome {
  images: ImageSource[];
  /** Seed the provider reports having used, as decimal text (seeds can exceed 2^53). */
  seed?: string;
  requestId?: string;
  cost?: { amount: number; unit: "usd" | "credits" };
  warnings: string[];
}

export interface RunContext {
  apiKey: string;
  baseUrl: string;
  /** fetch with the per-request timeout and the run's abort signal applied; throws ProviderError on network/timeout. */
  fetch: (url: string, init?: RequestInit) => Promise<Response>;
  sleep: (ms: number) => Promise<void>;
  /** Wall clock (ms), injectable for tests. */
  now: () => number;
  /** Report provider-side progress (request id once known, status word while polling). */
  progress: (update: { requestId?: string; phase?: string }) => void;
  /**
   * Async providers: the provider accepted a job with this id. Resolves once the id is stored durably; adapters
   * await it before anything else (polling, downloading), so a crash after this point collects the job by id.
   */
  submitted: (requestId: string) => Promise<void>;
  pollIntervalMs: number;
  /** Epoch ms after which an async job counts as timed out. */
  deadline: number;
  /** Whether the person asked to cancel this job; async adapters check it before each poll (lib/providers/poll.ts). */
  cancelRequested?: () => Promise<boolean>;
}

/**
 * The server half of a provider (`lib/providers/<id>/adapter.ts`). Extension point: one per folder, registered in
 * lib/providers/server.ts. Every call receives the model already resolved from the registry; sending, error
 * reading, key redaction and timeouts go through lib/providers/http.ts.
 */
export interface ProviderAdapter {
  /** Pure: the exact wire request for a validated input. */
  buildRequest(args: {
    model: ModelDefinition;
    input: Record<string, unknown>;
    baseUrl: string;
    /** The provider's extra hosts by name (ProviderDefinition.extraBaseUrls), when it has any. */
    baseUrls?: Readonly<Record<string, string>>;
    apiKey: string;
  }): WireRequest;
  /** Submit (and poll, for async providers) until image sources are known. Throws ProviderError. */
  run(req: WireRequest, ctx: RunContext, model: ModelDefinition): Promise<RunOutcome>;
  /**
   * Async providers only: follow a job that was already submitted (its id is `requestId`) to its end, so work
   * interrupted by a server restart is collected instead of lost or paid for twice.
   */
  resume?(requestId: string, req: WireRequest, ctx: RunContext, model: ModelDefinition): Promise<RunOutcome>;
}
