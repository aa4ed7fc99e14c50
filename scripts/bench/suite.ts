/**
 * suite_fanout_ratio: the starter suite (24 prompts) on four targets, one per provider, each request answering
 * after 1.5 s at the emulator. Wall time from submit until every cell is stored, divided by the ideal under the
 * per-provider limits: max over providers of ceil(jobs / limit) × 1.5 s. 1.0 is perfect use of every provider's
 * slots; the target is ≤ 1.2.
 */
import { providers, type ProviderId } from "../../lib/providers";
import { starterPrompts } from "../../lib/suites/starter";

const latencyMs = 1500;
const targets = [
  { provider: "aimlapi", model: "stable-diffusion-v35-large" },
  { provider: "segmind", model: "stable-diffusion-3.5-large-txt2img" },
  { provider: "eachlabs", model: "stable-diffusion-3.5-large" },
  { provider: "imagepipeline", model: "sd3_5" },
] as const;

/** A provider's limit as the app reads it: `<ID>_CONCURRENCY`, else the provider's default. */
function limitOf(id: ProviderId): number {
  const set = Number(process.env[`${id.toUpperCase()}_CONCURRENCY`]);
  return Number.isInteger(set) && set > 0 ? set : providers[id].defaultConcurrency;
}

async function post<T>(url: string, body: unknown): Promise<T> {
  const res = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const json = (await res.json()) as T & { ok?: boolean };
  if (!res.ok || json.ok === false) throw new Error(`${url}: HTTP ${res.status} ${JSON.stringify(json)}`);
  return json;
}

export async function suiteFanout(appUrl: string, emulatorUrl: string, log: (...args: unknown[]) => void) {
  for (const { provider } of targets) await post(`${emulatorUrl}/__emulator/config`, { provider, latencyMs });
  const jobs = new Map<ProviderId, number>();
  for (const t of targets) jobs.set(t.provider, (jobs.get(t.provider) ?? 0) + starterPrompts.length);
  const idealMs = Math.max(...[...jobs].map(([id, n]) => Math.ceil(n / limitOf(id)) * latencyMs));
  const text = starterPrompts.map((p, i) => `${p.text} (bench ${Date.now()}-${i})`).join("\n");
  const { suiteId } = await post<{ suiteId: string }>(`${appUrl}/api/suites`, { name: "bench suite", text, format: "lines" });
  const t0 = performance.now();
  const { runId } = await post<{ runId: string }>(`${appUrl}/api/suites/${suiteId}/runs`, {
    shared: { size: "1:1", seed: 42 },
    targets: targets.map((t) => ({ ...t, overrides: {} })),
    confirmed: true,
  });
  for (;;) {
    const run = (await (await fetch(`${appUrl}/api/runs/${runId}`)).json()) as { generations: { status: string; error: unknown }[] };
    const failed = run.generations.filter((g) => g.status === "failed");
    if (failed.length) throw new Error(`suite cells failed: ${JSON.stringify(failed.slice(0, 3))}`);
    if (run.generations.every((g) => g.status === "succeeded")) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const wallMs = performance.now() - t0;
  await fetch(`${emulatorUrl}/__emulator/reset`, { method: "POST" });
  log(`  suite: ${jobs.size} providers, ${starterPrompts.length * targets.length} cells in ${(wallMs / 1000).toFixed(1)} s; ideal ${(idealMs / 1000).toFixed(1)} s`);
  return { suite_fanout_ratio: Math.round((wallMs / idealMs) * 1000) / 1000 };
}
