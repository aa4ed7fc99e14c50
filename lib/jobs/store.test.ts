import { describe, expect, it, vi } from "vitest";
import type { Recovery } from "@/lib/db/queue";

const storeImage = vi.fn();
vi.mock("@/lib/storage/images", () => ({
  InvalidImageError: class extends Error {},
  storageCause: () => "disk full",
  storeImage: (bytes: Uint8Array) => storeImage(bytes),
}));

const { keepInlineBytes, storeAll } = await import("./store");

describe("storeAll", () => {
  it("waits for every image before it throws, so an image still being stored when a sibling fails is released", async () => {
    const release = vi.fn(async () => {});
    storeImage
      .mockImplementationOnce(() => Promise.reject(new Error("ENOSPC")))
      .mockImplementationOnce(() => new Promise((r) => setTimeout(() => r({ sha256: "b", file: "b.png", release }), 50)));
    const answer: Recovery = {
      images: [{ kind: "bytes", base64: "", mime: "image/png" }, { kind: "bytes", base64: "", mime: "image/png" }],
      warnings: [],
      providerMs: 1,
    };
    keepInlineBytes(answer, [new Uint8Array([1]), new Uint8Array([2])]);
    const releases: ((recorded: boolean) => Promise<void>)[] = [];
    const err = await storeAll(answer, { label: "P", fetcher: fetch, maxBytes: 1000, releases }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "storage" });
    // The slower sibling's hold is there for the runner to release (its finally block), not left held.
    expect(releases).toEqual([release]);
  });
});
