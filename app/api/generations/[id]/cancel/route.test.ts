/** `POST /api/generations/<id>/cancel` answers 404 for an unknown id, as the README promises, whatever its form. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

let route: typeof import("./route");
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sd3-cancel-route-"));
  vi.stubEnv("DATA_DIR", dataDir);
  vi.stubEnv("DATABASE_URL", `file:${path.join(dataDir, "playground.db")}`);
  vi.stubEnv("PROVIDER_EMULATOR", "off");
  vi.resetModules();
  route = await import("./route");
});

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

const cancel = (id: string) =>
  route.POST(new Request(`http://localhost/api/generations/${id}/cancel`, { method: "POST" }), { params: Promise.resolve({ id }) });

describe("POST /api/generations/<id>/cancel", () => {
  it("answers 404 for an unknown id that is not a UUID (a typo in a script)", async () => {
    const res = await cancel("not-a-generation");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ ok: false, code: "not_found" });
  });

  it("answers 404 for an unknown UUID", async () => {
    const res = await cancel(randomUUID());
    expect(res.status).toBe(404);
  });
});
