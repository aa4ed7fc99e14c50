import { percentile } from "./util";

type Log = (...args: unknown[]) => void;

/** Small valid inputs per provider (the emulator draws small images fast), so the load is the app's own work. */
const targets = [
  { provider: "aimlapi", model: "stable-diffusion-v35-large", input: { image_size: "square", num_images: 1, num_inference_steps: 28, output_format: "png", enable_safety_checker: true } },
  { provider: "segmind", model: "stable-diffusion-3.5-large-txt2img", input: { width: 256, height: 256 } },
  { provider: "eachlabs", model: "stable-diffusion-3.5-large", input: { aspect_ratio: "1:1" } },
  { provider: "imagepipeline", model: "sd3_5", input: { width: 256, height: 256 } },
];

/**
 * gallery_under_load_ms_p95: the first gallery page (`GET /api/runs`) as 10 readers request it over and over
 * while 300 generations run at the emulator (50 ms latency): reads must not wait on the runner's writes.
 */
export async function underLoad(appUrl: string, emulatorUrl: string, defaults: (provider: string, model: string) => Record<string, unknown>, log: Log) {
  const count = 300;
  for (const { provider } of targets) {
    await fetch(`${emulatorUrl}/__emulator/config`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ provider, latencyMs: 50 }),
    });
  }
  const idle = await readers(appUrl, 1, () => false, 30);
  const submitStarted = performance.now();
  let submitted = 0;
  const submitting = (async () => {
    for (let i = 0; i < count; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, count - i) }, async (_, j) => {
          const t = targets[(i + j) % targets.length]!;
          const res = await fetch(`${appUrl}/api/generations`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ provider: t.provider, model: t.model, input: { ...defaults(t.provider, t.model), ...t.input, prompt: `bench load ${i + j}` } }),
          });
          if (res.status !== 202) throw new Error(`submit answered ${res.status}: ${await res.text()}`);
          submitted++;
        }),
      );
    }
  })();
  let done = false;
  const watcher = (async () => {
    await submitting;
    for (;;) {
      const open = await Promise.all(
        ["queued", "running"].map(async (status) => ((await (await fetch(`${appUrl}/api/runs?limit=1&status=${status}`)).json()) as { items: unknown[] }).items.length),
      );
      if (open.every((n) => n === 0)) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    done = true;
  })();
  const loaded = await readers(appUrl, 10, () => done);
  await watcher;
  const wallS = (performance.now() - submitStarted) / 1000;
  log(`  under load: ${submitted} generations in ${wallS.toFixed(1)} s; ${loaded.length} gallery reads, idle p95 ${percentile(idle, 95).toFixed(1)} ms`);
  await fetch(`${emulatorUrl}/__emulator/reset`, { method: "POST" });
  return {
    gallery_under_load_ms_p95: Math.round(percentile(loaded, 95) * 10) / 10,
    gallery_under_load_ms_p50: Math.round(percentile(loaded, 50) * 10) / 10,
    gallery_idle_ms_p95: Math.round(percentile(idle, 95) * 10) / 10,
  };
}

/** `n` readers requesting the first gallery page until `stop()` (or `limit` requests each); their times. */
async function readers(appUrl: string, n: number, stop: () => boolean, limit = Infinity): Promise<number[]> {
  const times: number[] = [];
  await Promise.all(
    Array.from({ length: n }, async () => {
      for (let i = 0; i < limit && !stop(); i++) {
        const t0 = performance.now();
        const res = await fetch(`${appUrl}/api/runs?limit=40`);
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`gallery answered ${res.status}`);
        times.push(performance.now() - t0);
      }
    }),
  );
  return times;
}
