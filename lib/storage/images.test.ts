import path from "node:path";
import os from "node:os";
import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => vi.unstubAllEnvs());

describe("imagePath", () => {
  it("stays inside the images folder", async () => {
    vi.resetModules();
    const dataDir = path.join(os.tmpdir(), "sd3-storage-test");
    vi.stubEnv("DATA_DIR", dataDir);
    const { imagePath } = await import("./images");
    const root = path.join(dataDir, "images");
    expect(imagePath("ab/abcdef.png")).toBe(path.join(root, "ab", "abcdef.png"));
    // A sibling whose name starts like the folder ("images-evil") is outside it too.
    for (const escape of ["../images-evil/x.png", "../playground.db", "/etc/passwd", "ab/../../x", "..", ""]) {
      expect(() => imagePath(escape), escape).toThrow(/escapes the image folder/);
    }
  });
});
