/**
 * A shared image whose bytes cannot be read: gone is the share's one 404 (the same as for a revoked link); a store
 * that failed still holds the image, so the viewer is asked to try again (503) rather than told it is gone.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { MissingImageError } from "@/lib/storage/backend";

type Bytes = { data: Uint8Array; mime: string };
const store = vi.hoisted(() => ({ read: (async () => ({ data: new Uint8Array(), mime: "image/png" })) as (file: string) => Promise<Bytes> }));

const shared = { file: "ab/abc.png", thumbFile: "thumbs/ab/abc.webp", mime: "image/png", sha256: "abc", width: 16, height: 16, includePrompt: true };

vi.mock("@/lib/db/shares", () => ({
  getActiveSharedImage: async () => shared,
}));
vi.mock("@/lib/storage/images", () => ({
  requestedSize: () => "original",
  imageBytes: (original: { file: string }) => store.read(original.file),
}));

const { GET } = await import("./route");
const { shareNotFound } = await import("@/lib/share/serve");
const get = () => GET(new Request("http://localhost/s/tok/image/i1"), { params: Promise.resolve({ token: "tok", imageId: "i1" }) });

describe("GET /s/<token>/image/<id> when the bytes cannot be read", () => {
  afterEach(() => vi.restoreAllMocks());

  it("asks to try again (503) when the store failed", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    store.read = async () => Promise.reject(Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }));
    const res = await get();
    expect([res.status, res.headers.get("retry-after")]).toEqual([503, "5"]);
    expect(logged).toHaveBeenCalledWith("[share/image] image store unreadable", expect.objectContaining({ code: "ECONNRESET" }));
  });

  it("gives the share's own 404 when the image is gone", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    store.read = async (file) => Promise.reject(new MissingImageError(file));
    const res = await get();
    const expected = shareNotFound();
    expect([res.status, await res.text(), [...res.headers]]).toEqual([404, await expected.text(), [...expected.headers]]);
  });
});
