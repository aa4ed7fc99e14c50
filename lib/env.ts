import "server-only";
import path from "node:path";
import { z } from "zod";
import { providers, providerIds, type ProviderId } from "./providers";
import type { ProviderDefinition } from "./providers/types";
import { authEnvShape } from "./auth/config";
import { hostEnvShape } from "./auth/host";
import { isTimeZone } from "./budget/periods";
import type { Cap } from "./budget/caps";

/** A cap in dollars; an empty value means none. */
const usdCap = z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().min(0).optional());

/** Every environment variable the server reads, validated once. Keys never leave this module's callers. */
const baseSchema = z.object({
  DATA_DIR: z.string().min(1).default("./data"),
  /** Unset or `file:…` → SQLite; `postgres://…` → Postgres. The message never repeats the URL (it holds a password). */
  DATABASE_URL: z
    .string()
    .trim()
    .refine((url) => /^(file:.+|postgres(ql)?:\/\/[^/]+\/?.*)$/i.test(url), {
      message: "must start with file: (SQLite) or postgres:// (Postgres)",
    })
    .optional(),
  /** Connections per process to Postgres. */
  DB_POOL_SIZE: z.coerce.number().int().min(2).max(100).default(10),
  /** Unset → the images folder under DATA_DIR; `s3://bucket/prefix` → an S3-compatible bucket. */
  STORAGE_URL: z
    .string()
    .trim()
    .refine((url) => /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/.test(url), {
      message: "must look like s3://bucket/prefix",
    })
    .optional(),
  S3_ENDPOINT: z.url().optional(),
  S3_FORCE_PATH_STYLE: z.stringbool().default(false),
  AWS_REGION: z.string().trim().min(1).default("us-east-1"),
  /** `off`: this web instance only queues work; workers (`npm run worker`) run it. */
  RUNNER: z.enum(["on", "off"]).default("on"),
  PROVIDER_EMULATOR: z.enum(["on", "off", "auto"]).default("auto"),
  EMULATOR_URL: z.url().default("http://127.0.0.1:4010"),
  PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(1000).default(120_000),
  GENERATION_DEADLINE_MS: z.coerce.number().int().min(1000).default(600_000),
  POLL_INTERVAL_MS: z.coerce.number().int().min(10).default(1000),
  RUNNER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /** How long a database write waits for another writer (another process, a backup, `sqlite3`) before it fails. */
  DB_BUSY_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  /** A running job's claim lasts this long unless its worker renews it; then any process may take the job over. */
  JOB_LEASE_MS: z.coerce.number().int().min(1000).default(30_000),
  /** A batch (suite, grid) or comparison above either figure asks for confirmation before it is stored. */
  CONFIRM_ABOVE_IMAGES: z.coerce.number().int().min(1).default(16),
  CONFIRM_ABOVE_USD: z.coerce.number().min(0).default(1),
  /** Spending caps in USD (unset: none); per provider: `<PROVIDER>_BUDGET_DAILY_USD` / `_MONTHLY_USD` (see budgetCaps). */
  BUDGET_DAILY_USD: usdCap,
  BUDGET_MONTHLY_USD: usdCap,
  /** Where a budget's day and month begin (an IANA zone, e.g. Europe/Berlin). */
  BUDGET_TIME_ZONE: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.string().trim().default("UTC").refine(isTimeZone, { message: "must be an IANA time zone, e.g. Europe/Berlin" }),
  ),
  /** The hard limit of images in one batch (a suite run): a bigger one is refused before anything is stored. */
  BATCH_MAX_IMAGES: z.coerce.number().int().min(1).default(1000),
  /** An X/Y/Z grid with more cells than this is refused before anything is stored. */
  GRID_MAX_CELLS: z.coerce.number().int().min(1).default(400),
  DOWNLOAD_MAX_BYTES: z.coerce.number().int().min(1024).default(50 * 1024 * 1024),
  // Private by default: PLAYGROUND_PASSWORD, SESSION_SECRET, TRUST_PROXY (read directly by proxy.ts via lib/auth/config).
  ...authEnvShape,
  // ALLOWED_HOSTS and PUBLIC_URL (the host allow-list, read directly by proxy.ts via lib/auth/host).
  ...hostEnvShape,
});

/** The name of every general variable the server reads (provider keys, base URLs and caps come from the registry). */
export const envVariableNames = Object.keys(baseSchema.shape);

export type ProviderMode = "live" | "emulated" | "missing";

export interface ProviderConfig {
  id: ProviderId;
  mode: ProviderMode;
  baseUrl: string;
  /** The provider's extra hosts by name (ProviderDefinition.extraBaseUrls), resolved like baseUrl. */
  baseUrls: Record<string, string>;
  apiKey: string | null;
  concurrency: number;
}

function readEnv() {
  const base = baseSchema.parse(process.env);
  const keys = Object.fromEntries(
    providerIds.map((id) => [id, keyValue(process.env[providers[id].keyEnv])]),
  ) as Record<ProviderId, string | null>;
  const anyKey = Object.values(keys).some(Boolean);
  // Keyless providers are served by the emulator when asked to, or when no key at all is set (the offline demo).
  const emulate = base.PROVIDER_EMULATOR === "on" || (base.PROVIDER_EMULATOR === "auto" && !anyKey);

  const providerConfigs = Object.fromEntries(
    providerIds.map((id) => {
      const def = providers[id];
      const key = keys[id];
      const baseUrlOverride = process.env[def.baseUrlEnv]?.trim();
      const concurrency = z.coerce
        .number()
        .int()
        .min(1)
        .catch(def.defaultConcurrency)
        .parse(process.env[`${id.toUpperCase()}_CONCURRENCY`] ?? def.defaultConcurrency);
      const extras = Object.entries((def as ProviderDefinition).extraBaseUrls ?? {});
      const configured = Object.fromEntries(extras.map(([name, x]) => [name, process.env[x.env]?.trim() || x.defaultUrl]));
      let cfg: ProviderConfig;
      if (key) {
        cfg = { id, mode: "live", baseUrl: baseUrlOverride || def.defaultBaseUrl, baseUrls: configured, apiKey: key, concurrency };
      } else if (emulate) {
        // The emulator mounts each provider at /<id>, and a provider's extra hosts below it at /<id>/<name>.
        const url = `${base.EMULATOR_URL.replace(/\/+$/, "")}/${id}`;
        const baseUrls = Object.fromEntries(extras.map(([name]) => [name, `${url}/${name}`]));
        cfg = { id, mode: "emulated", baseUrl: url, baseUrls, apiKey: "emulator-key", concurrency };
      } else {
        cfg = { id, mode: "missing", baseUrl: baseUrlOverride || def.defaultBaseUrl, baseUrls: configured, apiKey: null, concurrency };
      }
      return [id, cfg];
    }),
  ) as Record<ProviderId, ProviderConfig>;

  const dataDir = path.resolve(base.DATA_DIR);
  const budgets = budgetCaps(base);
  return {
    ...base,
    dataDir,
    databaseUrl: base.DATABASE_URL ?? `file:${path.join(dataDir, "playground.db")}`,
    imagesDir: path.join(dataDir, "images"),
    storage: storageConfig(base.STORAGE_URL),
    providers: providerConfigs,
    /** Caps from the environment (the settings page may add stricter ones, stored in the database). */
    budgets,
    /** Every configured key, so any text that leaves the server can be scrubbed of them. */
    secrets: [...Object.values(keys), process.env.AWS_SECRET_ACCESS_KEY?.trim(), databasePassword(base.DATABASE_URL)].filter(
      (k): k is string => Boolean(k),
    ),
  };
}

/**
 * A key as set: surrounding whitespace and one pair of surrounding quotes removed. `docker run --env-file`, Compose's
 * list form and Kubernetes manifests keep quotes that a shell or dotenv would take off, and a key sent with its quotes
 * is refused by the provider as if it were wrong.
 */
export function keyValue(raw: string | undefined): string | null {
  let key = raw?.trim() ?? "";
  const quoted = /^(["'`])(.*)\1$/s.exec(key);
  if (quoted) key = quoted[2]!.trim();
  return key || null;
}

/** BUDGET_DAILY_USD, BUDGET_MONTHLY_USD and each provider's `<ID>_BUDGET_DAILY_USD` / `<ID>_BUDGET_MONTHLY_USD`. */
function budgetCaps(base: { BUDGET_DAILY_USD?: number; BUDGET_MONTHLY_USD?: number }): Cap[] {
  const caps: Cap[] = [];
  const add = (scope: string, period: Cap["period"], usd: number | undefined) => {
    if (usd !== undefined) caps.push({ scope, period, usd, source: "env" });
  };
  add("total", "day", base.BUDGET_DAILY_USD);
  add("total", "month", base.BUDGET_MONTHLY_USD);
  for (const id of providerIds) {
    for (const [period, suffix] of [["day", "DAILY"], ["month", "MONTHLY"]] as const) {
      const name = `${id.toUpperCase()}_BUDGET_${suffix}_USD`;
      const parsed = usdCap.safeParse(process.env[name]);
      if (!parsed.success) throw new Error(`${name} must be a number of dollars (0 or more).`);
      add(id, period, parsed.data);
    }
  }
  return caps;
}

function databasePassword(url: string | undefined): string | undefined {
  try {
    return url && /^postgres/i.test(url) ? decodeURIComponent(new URL(url).password) || undefined : undefined;
  } catch {
    return undefined;
  }
}

/** Where images live (lib/storage/kinds.ts lists the kinds; lib/storage/backends/index.ts maps each to its backend). */
export type StorageConfig = { kind: "folder" } | { kind: "s3"; bucket: string; prefix: string };

export function storageConfig(url: string | undefined): StorageConfig {
  if (!url) return { kind: "folder" };
  const rest = url.slice("s3://".length);
  const slash = rest.indexOf("/");
  const bucket = slash < 0 ? rest : rest.slice(0, slash);
  const prefix = slash < 0 ? "" : rest.slice(slash + 1).replace(/^\/+|\/+$/g, "");
  return { kind: "s3", bucket, prefix: prefix ? `${prefix}/` : "" };
}

export type Env = ReturnType<typeof readEnv>;

let cached: Env | undefined;
export function env(): Env {
  cached ??= readEnv();
  return cached;
}

/** Remove every configured key from a text before it is stored, logged or shown. */
export function scrubSecrets(text: string): string;
export function scrubSecrets(text: string | undefined | null): string | undefined;
export function scrubSecrets(text: string | undefined | null): string | undefined {
  if (text == null) return undefined;
  let out = text;
  for (const secret of env().secrets) {
    if (secret.length >= 4) out = out.split(secret).join("[redacted]");
  }
  return out;
}
