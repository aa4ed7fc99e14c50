import { afterEach, describe, expect, it, vi } from "vitest";
import { MissingImageError, unreadableImage } from "./backend";

describe("unreadableImage (what the image and download routes answer when the bytes cannot be read)", () => {
  afterEach(() => vi.restoreAllMocks());

  it("says the file is missing when the store has no such object", async () => {
    for (const error of [new MissingImageError("ab/cd.png"), Object.assign(new Error("no such file"), { code: "ENOENT" })]) {
      const res = unreadableImage(error, "images");
      expect(res.status).toBe(404);
      expect(await res.text()).toBe("Image file missing");
    }
  });

  it("asks to try again, rather than call the image gone, when the store itself failed", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    for (const error of [Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }), Object.assign(new Error("SlowDown"), { name: "SlowDown" })]) {
      const res = unreadableImage(error, "images/download");
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      expect(await res.text()).toBe("Image store unavailable");
    }
    expect(logged).toHaveBeenCalledTimes(2);
  });
});
