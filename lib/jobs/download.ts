import "server-only";
import type { ImageSource } from "@/lib/providers/adapter";
import { ProviderError } from "@/lib/providers/errors";
import { excerpt } from "@/lib/providers/wire";

/** Fetches an image a provider points to, as it is (no rewriting), with a size cap. */
export async function downloadImage(
  source: ImageSource,
  opts: { providerLabel: string; fetch: (url: string) => Promise<Response>; maxBytes: number },
): Promise<Uint8Array> {
  if (source.kind === "bytes") return source.data;
  const res = await opts.fetch(source.url);
  if (!res.ok) {
    const text = await res.text().catch(() => "");
    const gone = res.status === 403 || res.status === 404 || res.status === 410;
    throw new ProviderError(
      gone ? "expired" : "upstream",
      gone
        ? `${opts.providerLabel} finished, but its image link had expired before it was downloaded (HTTP ${res.status}).`
        : `${opts.providerLabel} finished, but downloading its image failed (HTTP ${res.status}).`,
      { status: res.status, providerMessage: excerpt(text, 200) },
    );
  }
  const declared = Number(res.headers.get("content-length") ?? "0");
  if (declared > opts.maxBytes) {
    throw new ProviderError("upstream", `${opts.providerLabel}'s image is larger than the ${opts.maxBytes} byte limit.`);
  }
  const data = new Uint8Array(await res.arrayBuffer());
  if (data.byteLength > opts.maxBytes) {
    throw new ProviderError("upstream", `${opts.providerLabel}'s image is larger than the ${opts.maxBytes} byte limit.`);
  }
  return data;
}
