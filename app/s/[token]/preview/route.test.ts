/** A shared link's preview picture while the store fails: 503 (a crawler tries again), not the 404 of a revoked link. */
import { describe, expect, it, vi } from "vitest";
import { MissingImageError } from "@/lib/storage/backend";

const store = vi.hoisted(() => ({ fail: (() => new Error()) as (file: string) => Error }));

const shared = { file: "ab/abc.png", thumbFile: "thumbs/ab/abc.webp", mime: "image/png", sha256: "abc", width: 16, height: 16, includePrompt: true };

vi.mock("@/lib/db/shares", () => ({
  getActiveSharePreviewImages: async () => [shared],
}));
vi.mock("@/lib/storage/images", () => ({ imageBytes: async (original: { file: string }) => Promise.reject(store.fail(original.file)) }));

const { GET } = await import("./route");
const get = () => GET(new Request("http://localhost/s/tok/preview"), { params: Promise.resolve({ token: "tok" }) });

describe("GET /s/<token>/preview when an image cannot be read", () => {
  it("answers 503 when the store failed, and the share's 404 when the image is gone", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    store.fail = () => Object.assign(new Error("connect ECONNREFUSED 10.0.0.5:443"), { code: "ECONNREFUSED" });
    const failed = await get();
    expect([failed.status, failed.headers.get("retry-after")]).toEqual([503, "5"]);
    store.fail = (file) => new MissingImageError(file);
    const gone = await get();
    expect([gone.status, gone.headers.get("cache-control")]).toEqual([404, "no-store"]);
    vi.restoreAllMocks();
  });
});
