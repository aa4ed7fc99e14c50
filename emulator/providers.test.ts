/**
 * The emulator shares no code with the app, so its provider list is its own; this test (tests may look across)
 * pins it, and the launcher's key list, to the app's registry, so adding a provider cannot miss either.
 */
import { describe, expect, it } from "vitest";
import { providerIds, providers } from "@/lib/providers";
import { providerKeyVars } from "../scripts/provider-keys.mjs";
import { PROVIDERS } from "./faults";
import { startEmulator } from "./server";

describe("provider lists outside the registry", () => {
  it("the emulator emulates exactly the registry's providers", () => {
    expect([...PROVIDERS].sort()).toEqual([...providerIds].sort());
  });

  it("the launcher knows every provider's key variable", () => {
    expect([...providerKeyVars].sort()).toEqual(providerIds.map((id) => providers[id].keyEnv).sort());
  });

  it("the emulator mounts every provider at /<id> and lists it in its stats", async () => {
    const emulator = await startEmulator({ port: 0 });
    try {
      const stats = (await (await fetch(`${emulator.url}/__emulator/stats`)).json()) as Record<string, unknown>;
      expect(Object.keys(stats).sort()).toEqual([...providerIds].sort());
    } finally {
      await emulator.close();
    }
  });
});
