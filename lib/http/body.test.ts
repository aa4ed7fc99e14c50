import { describe, expect, it } from "vitest";
import { mediaType, readBytes, readJson } from "./body";

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request("http://127.0.0.1/api/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);

/** A body without Content-Length, as a chunked upload sends it. */
function streamed(bytes: number): ReadableStream<Uint8Array> {
  let left = bytes;
  return new ReadableStream({
    pull(controller) {
      if (left <= 0) return controller.close();
      const n = Math.min(left, 64 * 1024);
      left -= n;
      controller.enqueue(new Uint8Array(n));
    },
  });
}

describe("mediaType", () => {
  it("keeps the type, drops parameters, ignores case", () => {
    expect(mediaType("Application/JSON; charset=utf-8")).toBe("application/json");
    expect(mediaType("APPLICATION/JSON-bogus")).toBe("application/json-bogus");
    expect(mediaType(null)).toBe("");
  });
});

describe("readJson", () => {
  it("takes exactly application/json, with parameters", async () => {
    const ok = await readJson(post('{"a":1}', { "content-type": "application/json; charset=utf-8" }));
    expect(ok).toEqual({ ok: true, value: { a: 1 } });
    for (const type of ["APPLICATION/JSON-bogus", "text/plain", "application/jsonp"]) {
      const res = await readJson(post("{}", { "content-type": type }));
      expect(res.ok ? 200 : res.response.status, type).toBe(415);
    }
  });

  it("answers 400 for invalid JSON", async () => {
    const res = await readJson(post("{", { "content-type": "application/json" }));
    expect(res.ok ? 200 : res.response.status).toBe(400);
  });

  it("refuses a body over the limit with 413 naming it, declared or streamed", async () => {
    const declared = await readJson(post("{}", { "content-type": "application/json", "content-length": String(15 * 1024 * 1024) }));
    expect(declared.ok).toBe(false);
    if (!declared.ok) {
      expect(declared.response.status).toBe(413);
      expect(await declared.response.json()).toMatchObject({ message: "The request body is larger than 14 MB (input images: at most 10 MB)." });
    }
    const chunked = await readBytes(post(streamed(2 * 1024 * 1024)), 1024 * 1024);
    expect(chunked.ok ? 200 : chunked.response.status).toBe(413);
    const fits = await readBytes(post(streamed(512 * 1024)), 1024 * 1024);
    expect(fits.ok && fits.value.byteLength).toBe(512 * 1024);
  });
});
