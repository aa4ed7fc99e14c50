import { readSettings } from "@/lib/metadata";

/** Larger than any image the playground makes or accepts; anything bigger is not worth reading. */
const MAX_BYTES = 50 * 1024 * 1024;

/**
 * The settings embedded in an image (our JSON and/or A1111 `parameters`), read on the server because the PNG reader
 * uses node:zlib for compressed text chunks. The body is the file itself. Mapping onto a form happens in the browser.
 */
export async function POST(req: Request) {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > MAX_BYTES) return Response.json({ error: "The file is larger than 50 MB." }, { status: 413 });
  const bytes = new Uint8Array(await req.arrayBuffer());
  if (bytes.byteLength > MAX_BYTES) return Response.json({ error: "The file is larger than 50 MB." }, { status: 413 });
  const found = await readSettings(bytes);
  return Response.json({ a1111: found.a1111 ?? null, json: found.json ?? null });
}
