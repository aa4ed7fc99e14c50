import { afterEach, describe, expect, it, vi } from "vitest";

const KEYS = ["AIMLAPI_API_KEY", "SEGMIND_API_KEY", "EACHLABS_API_KEY", "IMAGEPIPELINE_API_KEY", "STABILITY_API_KEY", "FAL_KEY"];

// env() caches what it reads: each test loads fresh modules with its own variables.
async function fresh(vars: Record<string, string>) {
  vi.resetModules();
  for (const name of KEYS) vi.stubEnv(name, "");
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
  return import("./models-json");
}

afterEach(() => vi.unstubAllEnvs());

describe("GET /api/models data", () => {
  it("lists every provider and model with its status, and never a key or a base URL", async () => {
    const { modelsJson } = await fresh({
      PROVIDER_EMULATOR: "off",
      STABILITY_API_KEY: "sk-live-0123456789",
      STABILITY_BASE_URL: "https://stability.internal.example",
      FAL_QUEUE_BASE_URL: "https://queue.internal.example",
    });
    const data = modelsJson();
    const byId = Object.fromEntries(data.providers.map((p) => [p.id, p]));
    expect(Object.keys(byId)).toEqual(expect.arrayContaining(["aimlapi", "segmind", "eachlabs", "imagepipeline", "stability", "fal"]));
    expect(byId.stability).toMatchObject({ label: "Stability AI", status: "live", keyEnv: "STABILITY_API_KEY" });
    expect(byId.fal).toMatchObject({ status: "not configured", keyEnv: "FAL_KEY" });
    expect(byId.fal!.models.map((m) => [m.id, m.family])).toEqual([
      ["fal-ai/stable-diffusion-v35-large", "sd3.5-large"],
      ["fal-ai/stable-diffusion-v35-large/turbo", "sd3.5-large-turbo"],
      ["fal-ai/stable-diffusion-v35-medium", "sd3.5-medium"],
      ["fal-ai/stable-diffusion-v3-medium", "sd3-medium"],
    ]);
    const text = JSON.stringify(data);
    for (const secret of ["sk-live-0123456789", "stability.internal.example", "queue.internal.example", "api.stability.ai", "queue.fal.run"]) {
      expect(text).not.toContain(secret);
    }
  });

  it("says emulated when the emulator serves a keyless provider", async () => {
    const { modelsJson } = await fresh({ PROVIDER_EMULATOR: "on", SEGMIND_API_KEY: "SG_abcdef012345" });
    const statuses = Object.fromEntries(modelsJson().providers.map((p) => [p.id, p.status]));
    expect(statuses).toMatchObject({ segmind: "live", stability: "emulated", fal: "emulated" });
  });

  it("gives each model's parameters as JSON Schema with types, ranges, enums, required fields and defaults", async () => {
    const { modelsJson } = await fresh({});
    const providers = modelsJson().providers;
    const stability = providers.find((p) => p.id === "stability")!.models.find((m) => m.id === "sd3.5-large")!;
    const schema = stability.parameters as { type: string; required: string[]; properties: Record<string, Record<string, unknown>> };
    expect(schema.type).toBe("object");
    expect(schema.required).toEqual(["prompt", "aspect_ratio", "output_format"]);
    expect(schema.properties.aspect_ratio).toMatchObject({ enum: ["21:9", "16:9", "3:2", "5:4", "1:1", "4:5", "2:3", "9:16", "9:21"], default: "1:1", title: "Aspect ratio" });
    expect(schema.properties.seed).toMatchObject({ type: "integer", minimum: 0, maximum: 4294967294, default: 0 });
    expect(schema.properties.cfg_scale).toMatchObject({ type: "number", minimum: 1, maximum: 10 });
    expect(schema.properties.cfg_scale).not.toHaveProperty("default");
    const fal = providers.find((p) => p.id === "fal")!.models[0]!.parameters as { properties: Record<string, Record<string, unknown>> };
    expect(fal.properties.image_size).toMatchObject({ default: "landscape_4_3", anyOf: [expect.objectContaining({ enum: expect.arrayContaining(["square_hd"]) }), expect.objectContaining({ type: "object" })] });
    // Every model of every provider converts, and every default it declares is in its schema.
    for (const p of providers) {
      for (const m of p.models) {
        const props = (m.parameters as { properties: Record<string, Record<string, unknown>> }).properties;
        expect(Object.keys(props).length, `${p.id}/${m.id}`).toBeGreaterThan(0);
        expect(props.prompt?.type, `${p.id}/${m.id}`).toBe("string");
      }
    }
  });

  it("says unknown fields are refused, at every depth (fal's custom image size too), as the server does", async () => {
    const { modelsJson } = await fresh({});
    for (const p of modelsJson().providers) {
      for (const m of p.models) expect((m.parameters as { additionalProperties?: unknown }).additionalProperties, `${p.id}/${m.id}`).toBe(false);
    }
    const fal = modelsJson().providers.find((p) => p.id === "fal")!.models[0]!.parameters as { properties: { image_size: { anyOf: Record<string, unknown>[] } } };
    expect(fal.properties.image_size.anyOf.find((s) => s.type === "object")).toMatchObject({ additionalProperties: false });
  });

  it("gives no default the server would not apply: Stability's strength is required with an image, and says so", async () => {
    const { modelsJson } = await fresh({});
    const { getModel } = await import("./index");
    const image = "data:image/png;base64,iVBORw0KGgo=";
    type Params = { properties: Record<string, Record<string, unknown>>; dependentRequired?: Record<string, string[]> };
    const listedDefaults = (params: Params) =>
      Object.fromEntries(Object.entries(params.properties).flatMap(([k, p]) => (p.default === undefined ? [] : [[k, p.default]])));
    for (const m of modelsJson().providers.find((p) => p.id === "stability")!.models) {
      const params = m.parameters as Params;
      expect(params.properties.strength, m.id).not.toHaveProperty("default");
      expect(params.properties.strength, m.id).toMatchObject({ minimum: 0, maximum: 1, examples: [0.7] });
      expect(params.dependentRequired, m.id).toEqual({ image: ["strength"] });
      // The server agrees: the listed defaults and an image are refused for the strength alone, and pass with one.
      const model = getModel("stability", m.id)!;
      const refused = model.schema.safeParse({ ...listedDefaults(params), image });
      expect(refused.error?.issues.map((i) => i.path), m.id).toEqual([["strength"]]);
      expect(model.schema.safeParse({ ...listedDefaults(params), image, strength: 0.5 }).success, m.id).toBe(true);
    }
    // Every model's listed defaults are a body the server accepts as it stands.
    for (const p of modelsJson().providers) {
      for (const m of p.models) expect(getModel(p.id, m.id)!.schema.safeParse(listedDefaults(m.parameters as Params)).success, `${p.id}/${m.id}`).toBe(true);
    }
  });
});
