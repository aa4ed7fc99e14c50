/** `GET /api/grid/<id>/png` while the image store fails: "try again" (503), not a grid drawn with grey boxes. */
import { describe, expect, it, vi } from "vitest";
import { generation, image } from "@/lib/metadata/generation.test-helpers";

const RUN = "11111111-2222-4333-8444-555555555555";
const axes = [{ kind: "list", field: "steps", name: "Steps", values: [{ label: "20", value: 20 }] }];
const spec = { version: 1, model: { provider: "segmind", model: "m" }, base: {}, axes, notes: {} };
const cell = generation({ cell: { x: 0, y: null, z: null }, images: [image(16, 16)] });

vi.mock("@/lib/db/runs", () => ({
  getRunsWithFiles: async () => ({
    runs: [{ id: RUN, createdAt: "2026-01-02T03:04:05.000Z", kind: "grid", prompt: "p", favorite: false, shared: {}, spec, generations: [cell] }],
    files: new Map([["i1", { file: "ab/abc.png", thumbFile: "thumbs/ab/abc.webp", sha256: "abc" }]]),
  }),
}));
vi.mock("@/lib/storage/images", () => ({
  THUMB_WIDTH: 512,
  ensureRendition: async (_kind: string, file: string) => file,
  readImage: async () => Promise.reject(Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" })),
}));

const { GET } = await import("./route");

describe("GET /api/grid/<id>/png", () => {
  it("answers 503 with Retry-After when a cell's image cannot be read from the store", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await GET(new Request(`http://localhost/api/grid/${RUN}/png`), { params: Promise.resolve({ id: RUN }) });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(logged).toHaveBeenCalledWith("[grid/png] image store unreadable", expect.objectContaining({ code: "ECONNRESET" }));
  });
});
