import "server-only";
import { ProviderError } from "@/lib/providers/errors";
import type { Recovery, StoredImage } from "@/lib/db/queue";
import { InvalidImageError, storageCause, storeImage } from "@/lib/storage/images";
import { downloadImage } from "./download";

type Fetcher = (url: string, init?: RequestInit) => Promise<Response>;

/** Image bytes a provider sent inline, beside the answer they belong to (kept out of the database unless needed). */
const bytesOf = new WeakMap<Recovery, (Uint8Array | null)[]>();

/** Notes the bytes a provider sent inline for each image of `answer` (null for an image sent as a link). */
export function keepInlineBytes(answer: Recovery, bytes: (Uint8Array | null)[]): void {
  bytesOf.set(answer, bytes);
}

/**
 * Downloads (or decodes) every image of an answer and stores it; a storage failure keeps the answer for a retry.
 * Every image is settled before the first failure is thrown: an image still being stored when a sibling fails has
 * its hold (`releases`) registered, so it is released like the others rather than left held.
 */
export async function storeAll(
  answer: Recovery,
  opts: { label: string; fetcher: Fetcher; maxBytes: number; releases: ((recorded: boolean) => Promise<void>)[] },
): Promise<StoredImage[]> {
  const inline = bytesOf.get(answer);
  const results = await Promise.allSettled(
    answer.images.map(async (source, i) => {
      const bytes =
        inline?.[i] ??
        (source.kind === "bytes"
          ? new Uint8Array(Buffer.from(source.base64, "base64"))
          : await downloadImage(source, { providerLabel: opts.label, fetch: opts.fetcher, maxBytes: opts.maxBytes }).catch((error: unknown) => {
              throw keepAnswer(error, opts.label);
            }));
      try {
        const { release, ...stored } = await storeImage(bytes);
        opts.releases.push(release);
        return { ...stored, nsfw: source.nsfw };
      } catch (error) {
        if (error instanceof InvalidImageError) {
          throw new ProviderError("upstream", `${opts.label} returned a malformed image: ${error.message}`);
        }
        throw new ProviderError(
          "storage",
          `${opts.label} delivered the image, but the playground could not save it (${storageCause(error)}). Nothing is lost: retry to save it again without calling ${opts.label}.`,
          { cause: error },
        );
      }
    }),
  );
  for (const r of results) if (r.status === "rejected") throw r.reason;
  return results.map((r) => (r as PromiseFulfilledResult<StoredImage>).value);
}

/** A download that failed for a reason other than a dead link can be tried again from the kept answer. */
function keepAnswer(error: unknown, label: string): unknown {
  if (!(error instanceof ProviderError) || error.code === "expired") return error;
  return new ProviderError("storage", `${error.message} Retry to download it again without calling ${label}.`, {
    cause: error,
    status: error.status,
    providerMessage: error.providerMessage,
  });
}

/** The answer to keep after a storage failure, with inline image bytes written out so nothing paid for is lost. */
export function withBytes(answer: Recovery): Recovery {
  const inline = bytesOf.get(answer);
  return {
    ...answer,
    images: answer.images.map((source, i) =>
      source.kind === "bytes" && inline?.[i] ? { ...source, base64: Buffer.from(inline[i]).toString("base64") } : source,
    ),
  };
}
