/** `GET /api/export` while the image store fails: "try again" (503), never a zip that quietly lacks its images. */
import { describe, expect, it, vi } from "vitest";
import { generation, image } from "@/lib/metadata/generation.test-helpers";

const RUN = "11111111-2222-4333-8444-555555555555";

const run = { id: RUN, createdAt: "2026-01-02T03:04:05.000Z", kind: "single", prompt: "p", favorite: false, shared: {}, spec: null };
const blink = () => Object.assign(new Error("connect ECONNREFUSED 10.0.0.5:443"), { code: "ECONNREFUSED" });

vi.mock("@/lib/db/runs", () => ({
  getRunsWithFiles: async () => ({
    runs: [{ ...run, generations: [generation({ images: [image(16, 16)] })] }],
    files: new Map([["i1", { file: "ab/abc.png", sha256: "abc" }]]),
  }),
}));
vi.mock("@/lib/storage/images", () => ({
  imageBackend: () => ({ has: async () => Promise.reject(blink()) }),
  readImage: async () => new Uint8Array(),
}));

const { GET } = await import("./route");

describe("GET /api/export", () => {
  it("answers 503 with Retry-After when the store cannot say whether the images are there", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await GET(new Request(`http://localhost/api/export?runs=${RUN}`));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(logged).toHaveBeenCalledWith("[export] image store unreadable", expect.objectContaining({ code: "ECONNREFUSED" }));
  });
});
