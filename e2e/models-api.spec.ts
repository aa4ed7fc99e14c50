import { test, expect } from "./support/fixtures";
import { CANARY_KEYS, emulatorUrl } from "./support/env";

interface Entry {
  id: string;
  label: string;
  status: string;
  models: { id: string; label: string; family: string; parameters: { properties: Record<string, { default?: unknown }>; required?: string[] } }[];
}

test("GET /api/models lists every provider and model; a script builds a generation from it alone", async ({ request }) => {
  const res = await request.get("/api/models");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/^application\/json/);
  const text = await res.text();
  // The names of the variables are fine; their values (keys, base URLs) are not.
  for (const key of Object.values(CANARY_KEYS)) expect(text).not.toContain(key);
  expect(text).not.toContain(emulatorUrl);
  expect(text).not.toContain("127.0.0.1");

  const { providers } = JSON.parse(text) as { providers: Entry[] };
  expect(providers.map((p) => p.id)).toEqual(expect.arrayContaining(["stability", "fal", "segmind", "aimlapi", "eachlabs", "imagepipeline"]));
  // The e2e servers run with a key for every provider, pointed at the emulator.
  for (const p of providers) expect(p.status, p.id).toBe("live");
  const fal = providers.find((p) => p.id === "fal")!;
  const medium = fal.models.find((m) => m.family === "sd3.5-medium")!;
  expect(medium.id).toBe("fal-ai/stable-diffusion-v35-medium");

  // Only what the listing says: the defaults of each parameter, a prompt, a small preset.
  const input: Record<string, unknown> = Object.fromEntries(
    Object.entries(medium.parameters.properties).flatMap(([name, p]) => (p.default === undefined ? [] : [[name, p.default]])),
  );
  Object.assign(input, { prompt: "models api: a paper boat on a pond", image_size: "square" });
  const created = await request.post("/api/generations", { data: { provider: fal.id, model: medium.id, input } });
  expect(created.status()).toBe(202);
  const { generationIds } = (await created.json()) as { generationIds: string[] };
  const id = generationIds[0]!;
  await expect
    .poll(async () => ((await (await request.get(`/api/generations/${id}`)).json()) as { status: string }).status, { timeout: 20_000 })
    .toBe("succeeded");
});
