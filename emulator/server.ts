/**
 * Provider emulator: a local HTTP server speaking the wire protocols of AI/ML API, Segmind, Eachlabs, ImagePipeline,
 * Stability AI and fal as their docs describe them, so the app and its tests run offline. It is a test double for the
 * outside world and deliberately shares no code with the app.
 *
 * Mounts: /aimlapi, /segmind, /eachlabs, /imagepipeline, /stability, /fal and /fal/queue (each a provider host), /files/<id>.<ext>
 * (images handed out as URLs) and the control API under /__emulator:
 *   POST /__emulator/config   {provider, latencyMs?, fault?, times?, phase?}   ("all" configures every provider)
 *                             {parity: true|false}   same-family models render the same image (emulator/parity.ts)
 *   GET  /__emulator/config
 *   POST /__emulator/reset
 *   POST /__emulator/forget   {provider, id?}   the provider no longer has those jobs: their ids answer 404
 *   GET  /__emulator/requests[?provider=segmind]
 *   GET  /__emulator/stats
 */
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { FAULTS, PROVIDERS, isFault, isProviderId, MAX_LATENCY_MS, type ProviderId } from "./faults";
import { contentTypeFor, renderImage } from "./images";
import { HANDLERS } from "./providers";
import { EmulatorState } from "./state";
import { formFields, isObject, readMultipart, type Ctx } from "./wire";

export interface EmulatorOptions {
  /** 0 = a random free port. Default 0. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Origin used in URLs handed out; by default the Host header of each request. */
  publicUrl?: string;
}

export interface RunningEmulator {
  url: string;
  port: number;
  close(): Promise<void>;
}


// Room for the app's largest request: a 10 MB input image as a data URL (lib/limits.ts).
const MAX_BODY = 16 * 1024 * 1024;

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body, null, 2);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** A control request's JSON body, or not ok when it is not JSON. */
async function readJsonBody(req: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const raw = await readBody(req);
  try {
    return { ok: true, value: JSON.parse(raw?.toString("utf8") ?? "") as unknown };
  } catch {
    return { ok: false };
  }
}

/** What the request handlers share: the state, and the origin to put in URLs handed out. */
interface Site {
  state: EmulatorState;
  baseUrlFor: (req: IncomingMessage) => string;
}

async function handle(site: Site, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { state } = site;
  const url = new URL(req.url ?? "/", "http://emulator.invalid");
  const method = (req.method ?? "GET").toUpperCase();
  const pathname = url.pathname;

  if (pathname.startsWith("/__emulator/")) return control(state, req, res, method, pathname.slice("/__emulator".length), url);
  if (pathname.startsWith("/files/")) return serveFile(state, res, method, pathname);
  if (pathname === "/" || pathname === "/__emulator") {
    return json(res, 200, { emulator: "sd3-provider-emulator", providers: PROVIDERS, faults: FAULTS });
  }

  return handleProvider(site, req, res, method, url);
}

/** A request to one provider's mount: recorded, then answered by that provider's handler. */
async function handleProvider(site: Site, req: IncomingMessage, res: ServerResponse, method: string, url: URL): Promise<void> {
  const { state } = site;
  const pathname = url.pathname;
  const m = /^\/([^/]+)(\/.*)?$/.exec(pathname);
  const provider = m?.[1];
  if (!isProviderId(provider)) return json(res, 404, { error: `No emulated provider at ${pathname}` });
  const bytes = await readBody(req);
  if (bytes === null) return json(res, 413, { error: "Request body too large" });
  const raw = bytes.toString("utf8");
  let parsed: unknown;
  let jsonOk = false;
  if (raw.trim() !== "") {
    try {
      parsed = JSON.parse(raw);
      jsonOk = true;
    } catch {
      parsed = undefined;
    }
  }
  const path = m?.[2] ?? "/";
  const form = jsonOk ? null : await readMultipart(req.headers["content-type"], bytes);
  const logged = jsonOk ? parsed : form ? formFields(form) : raw === "" ? null : raw;
  state.record(provider, method, path + url.search, req.headers, logged);
  const ctx: Ctx = {
    req,
    res,
    provider,
    method,
    path,
    query: url.searchParams,
    rawBody: raw,
    bodyBytes: bytes.length,
    form,
    json: parsed,
    jsonOk,
    baseUrl: site.baseUrlFor(req),
    state,
    extraHeaders: {},
  };
  await HANDLERS[provider](ctx);
}

async function serveFile(state: EmulatorState, res: ServerResponse, method: string, pathname: string): Promise<void> {
  const m = /^\/files\/([A-Za-z0-9_-]+)\.([a-z]+)$/.exec(pathname);
  const entry = m ? state.files.get(m[1] ?? "") : undefined;
  if (method !== "GET" && method !== "HEAD") return json(res, 405, { error: "Method not allowed" });
  if (!m || !entry || entry.ext !== m[2] || entry.expired || performance.now() < entry.readyAt) {
    return json(res, 404, { error: "File not found or expired" });
  }
  const buf = await renderImage(entry.spec);
  res.writeHead(200, {
    "content-type": contentTypeFor(entry.spec.format),
    "content-length": buf.length,
    "cache-control": "public, max-age=31536000, immutable",
    "access-control-allow-origin": "*",
  });
  res.end(method === "HEAD" ? undefined : buf);
}

async function control(state: EmulatorState, req: IncomingMessage, res: ServerResponse, method: string, path: string, url: URL): Promise<void> {
  if (path === "/stats" && method === "GET") return json(res, 200, state.stats);
  if (path === "/requests" && method === "GET") {
    const p = url.searchParams.get("provider");
    return json(res, 200, p ? state.log.filter((e) => e.provider === p) : state.log);
  }
  if (path === "/reset" && method === "POST") {
    await readBody(req);
    state.reset();
    return json(res, 200, { ok: true });
  }
  if (path === "/forget" && method === "POST") {
    const body = await readJsonBody(req);
    if (!body.ok) return json(res, 400, { error: "Body must be JSON" });
    return forget(state, res, body.value);
  }
  if (path === "/config" && method === "GET") return json(res, 200, state.configs);
  if (path === "/config" && method === "POST") {
    const body = await readJsonBody(req);
    if (!body.ok) return json(res, 400, { error: "Body must be JSON" });
    const problem = applyConfig(state, body.value);
    if (problem) return json(res, 400, { error: problem });
    return json(res, 200, { ok: true, config: state.configs, parity: state.parity });
  }
  return json(res, 404, { error: `Unknown control endpoint ${method} /__emulator${path}` });
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = opts.host ?? "127.0.0.1";
  const state = new EmulatorState();
  let listeningUrl = "";
  const site: Site = {
    state,
    baseUrlFor: (req) => (opts.publicUrl ?? (req.headers.host ? `http://${req.headers.host}` : listeningUrl)).replace(/\/+$/, ""),
  };

  const server = http.createServer((req, res) => {
    handle(site, req, res).catch((error: unknown) => {
      console.error("[emulator] internal error", error);
      if (!res.headersSent) json(res, 500, { error: "emulator internal error", detail: String(error) });
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(":") ? `[${host}]` : host === "0.0.0.0" ? "127.0.0.1" : host;
  listeningUrl = `http://${shownHost}:${port}`;

  let closing: Promise<void> | null = null;
  return {
    url: listeningUrl,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        state.shutdown();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** POST /__emulator/forget: the provider's async jobs (or the one `id`) are gone, as after its retention ran out. */
function forget(state: EmulatorState, res: ServerResponse, body: unknown): void {
  if (!isObject(body)) return json(res, 400, { error: "Body must be a JSON object" });
  const { provider, id } = body;
  const targets: ProviderId[] = provider === "all" || provider === "*" ? [...PROVIDERS] : isProviderId(provider) ? [provider] : [];
  if (!targets.length) return json(res, 400, { error: `provider must be one of ${PROVIDERS.join(", ")} or "all"` });
  if (id !== undefined && (typeof id !== "string" || id === "")) return json(res, 400, { error: "id must be a non-empty string (omit for every job)" });
  json(res, 200, { ok: true, forgotten: state.forget(targets, id) });
}

/** Applies a POST /__emulator/config body; returns an error message or null. */
function applyConfig(state: EmulatorState, body: unknown): string | null {
  if (!isObject(body)) return "Body must be a JSON object";
  const { provider, latencyMs, fault, times, phase, parity } = body;
  if (parity !== undefined && typeof parity !== "boolean") return "parity must be true or false";
  if (typeof parity === "boolean") state.parity = parity;
  // Parity mode is emulator-wide: a body that only switches it names no provider.
  if (provider === undefined && parity !== undefined && latencyMs === undefined && fault === undefined) return null;
  const targets: ProviderId[] = provider === "all" || provider === "*" ? [...PROVIDERS] : isProviderId(provider) ? [provider] : [];
  if (!targets.length) return `provider must be one of ${PROVIDERS.join(", ")} or "all"`;
  if (latencyMs !== undefined && (typeof latencyMs !== "number" || !Number.isFinite(latencyMs) || latencyMs < 0)) {
    return "latencyMs must be a number >= 0";
  }
  if (fault !== undefined && fault !== null && !isFault(fault)) return `fault must be null or one of ${FAULTS.join(", ")}`;
  if (times !== undefined && times !== null && (typeof times !== "number" || !Number.isInteger(times) || times < 1)) {
    return "times must be a positive integer (omit for unlimited)";
  }
  if (phase !== undefined && phase !== "submit" && phase !== "poll") return `phase must be "submit" or "poll"`;
  for (const p of targets) {
    const cfg = state.configs[p];
    if (typeof latencyMs === "number") cfg.latencyMs = Math.min(latencyMs, MAX_LATENCY_MS);
    if (fault !== undefined) {
      cfg.fault = fault;
      cfg.times = fault === null ? null : typeof times === "number" ? times : null;
      cfg.phase = phase ?? "submit";
    } else {
      if (typeof times === "number" && cfg.fault) cfg.times = times;
      if (phase !== undefined) cfg.phase = phase;
    }
  }
  return null;
}
