/** Everything the emulator remembers: per-provider config, the request log, stats, issued files and async jobs. */
import { randomBytes } from "node:crypto";
import type { ImageSpec } from "./images";
import { PROVIDERS, defaultConfig, type ProviderConfig, type ProviderId } from "./faults";

export interface RequestLogEntry {
  provider: ProviderId;
  method: string;
  path: string;
  headers: Record<string, string | string[]>;
  body: unknown;
  at: string;
}

export interface ProviderStats {
  requests: number;
  inFlight: number;
  maxInFlight: number;
}

export interface FileEntry {
  spec: ImageSpec;
  ext: string;
  /** expired-url: the URL was handed out but answers 404. */
  expired: boolean;
  /** performance.now() before which the file is not there yet (ImagePipeline queued_image_urls). */
  readyAt: number;
}

export interface Job {
  id: string;
  provider: ProviderId;
  createdAt: number;
  /** ms until the job ends; Infinity for never-finish. */
  durationMs: number;
  outcome: "success" | "fail" | "nsfw";
  cancelledAt: number | null;
  urls: string[];
  seed: string;
  input: unknown;
  /** Provider-specific extras (e.g. ImagePipeline's alternative status words). */
  altWords: boolean;
  /** The model a job runs, where the answer depends on it (Replicate's output shape). */
  model?: string;
  timer: NodeJS.Timeout | null;
  release: () => void;
}

const AUTH_HEADERS = new Set(["authorization", "x-api-key", "api-key"]);
const MAX_LOG = 2000;
const MAX_FILES = 20000;

export class EmulatorState {
  configs = freshConfigs();
  stats = freshStats();
  log: RequestLogEntry[] = [];
  jobs = new Map<string, Job>();
  files = new Map<string, FileEntry>();
  credits = freshCredits();
  /** Parity mode (emulator/parity.ts): one family, one image for one prompt, seed and size. */
  parity = false;
  private recent: Record<ProviderId, number[]> = freshRecent();

  reset(): void {
    for (const job of this.jobs.values()) if (job.timer) clearTimeout(job.timer);
    this.jobs.clear();
    this.configs = freshConfigs();
    this.stats = freshStats();
    this.log = [];
    this.credits = freshCredits();
    this.recent = freshRecent();
    this.parity = false;
  }

  /**
   * Forgets async jobs, as a provider does once it no longer keeps one: afterwards their id answers 404 like an id it
   * never issued. `id` narrows it to one job of `providers`. Returns how many were forgotten.
   */
  forget(providers: readonly ProviderId[], id?: string): number {
    let forgotten = 0;
    for (const job of [...this.jobs.values()]) {
      if (!providers.includes(job.provider) || (id !== undefined && job.id !== id)) continue;
      if (job.timer) clearTimeout(job.timer);
      job.release();
      this.jobs.delete(job.id);
      forgotten += 1;
    }
    return forgotten;
  }

  shutdown(): void {
    for (const job of this.jobs.values()) if (job.timer) clearTimeout(job.timer);
    this.jobs.clear();
  }

  record(provider: ProviderId, method: string, path: string, headers: Record<string, string | string[] | undefined>, body: unknown): void {
    const clean: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(headers)) {
      if (v === undefined) continue;
      clean[k] = AUTH_HEADERS.has(k.toLowerCase()) ? "<redacted>" : v;
    }
    this.log.push({ provider, method, path, headers: clean, body, at: new Date().toISOString() });
    if (this.log.length > MAX_LOG) this.log.splice(0, this.log.length - MAX_LOG);
    this.stats[provider].requests += 1;
    const now = Date.now();
    const recent = this.recent[provider].filter((t) => now - t < 60_000);
    recent.push(now);
    this.recent[provider] = recent;
  }

  /** Requests seen from this provider in the last minute (for rate-limit headers). */
  recentRequests(provider: ProviderId): number {
    return this.recent[provider].length;
  }

  /** Counts one in-flight generation; the returned release is idempotent and survives reset(). */
  track(provider: ProviderId): () => void {
    const stats = this.stats[provider];
    stats.inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      stats.inFlight -= 1;
    };
  }

  /** Registers an image and returns its absolute URL. */
  addFile(baseUrl: string, spec: ImageSpec, ext: string, opts: { expired?: boolean; readyAt?: number; prefix?: string } = {}): string {
    const id = `${opts.prefix ?? ""}${randomBytes(12).toString("base64url")}`;
    this.files.set(id, { spec, ext, expired: opts.expired ?? false, readyAt: opts.readyAt ?? 0 });
    if (this.files.size > MAX_FILES) {
      const oldest = this.files.keys().next();
      if (!oldest.done) this.files.delete(oldest.value);
    }
    return `${baseUrl}/files/${id}.${ext}`;
  }

  configFor(provider: ProviderId): ProviderConfig {
    return this.configs[provider];
  }
}

function perProvider<T>(make: () => T): Record<ProviderId, T> {
  return Object.fromEntries(PROVIDERS.map((p) => [p, make()])) as Record<ProviderId, T>;
}

function freshConfigs(): Record<ProviderId, ProviderConfig> {
  return perProvider(defaultConfig);
}

function freshStats(): Record<ProviderId, ProviderStats> {
  return perProvider(() => ({ requests: 0, inFlight: 0, maxInFlight: 0 }));
}

function freshCredits(): Record<ProviderId, number> {
  return perProvider(() => 100);
}

function freshRecent(): Record<ProviderId, number[]> {
  return perProvider(() => []);
}
