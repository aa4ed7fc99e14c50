/**
 * Where image bytes live. Keys are content-addressed relative paths (`ab/abcd….png`, `thumbs/ab/abcd….webp`), so
 * a key's bytes never change once written. Extension point: a backend is one file under lib/storage/backends/ and
 * one line in the registry (lib/storage/backends/index.ts).
 */
export interface ImageBackend {
  /** Whether an object is stored under this key. */
  has(key: string): Promise<boolean>;
  /** Stores the bytes under the key, complete or not at all: a reader never sees part of an object. */
  put(key: string, data: Uint8Array, mime: string): Promise<void>;
  /** The stored bytes; throws `MissingImageError` when there is no such object. */
  get(key: string): Promise<Uint8Array>;
  /** Removes the object; a missing one is fine. */
  remove(key: string): Promise<void>;
  /** Moves the object to another key, overwriting what is there; false when there was no such object. */
  move(from: string, to: string): Promise<boolean>;
  /** Why a new image cannot be stored right now (names the store and the cause, never a secret), or null. */
  problem(): Promise<string | null>;
  /**
   * Drops leftovers of writes or removals a crash interrupted (`*.tmp` keys; a removal parks its object under
   * `trash/`), older than `olderThanMs`; returns how many.
   */
  cleanStale(olderThanMs: number): Promise<number>;
}

export class MissingImageError extends Error {}

/** Whether a failed read means the image is gone, rather than that the store failed (and still holds it). */
export function isMissingImage(error: unknown): boolean {
  return error instanceof MissingImageError || (error as NodeJS.ErrnoException | undefined)?.code === "ENOENT";
}

/**
 * The store failed (not: an image is missing) while a download of many images was being put together, before any of
 * it was sent. Raised so the route can tell it from its other failures and answer as `unreadableImage` does for its
 * `cause`: an export that leaves images out because the store blinked would look complete and not be.
 */
export class ImageStoreError extends Error {}

/**
 * An image route's answer when the stored bytes could not be read: 404 when they are gone, else 503 with Retry-After,
 * since a store that blinked still holds the image ("try again", not "gone").
 */
export function unreadableImage(error: unknown, route: string): Response {
  if (isMissingImage(error)) {
    return new Response("Image file missing", { status: 404 });
  }
  console.error(`[${route}] image store unreadable`, error);
  return new Response("Image store unavailable", { status: 503, headers: { "Retry-After": "5" } });
}
