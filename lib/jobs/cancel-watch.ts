import "server-only";
import { isCancelRequested } from "@/lib/db/cancel";

/**
 * Whether the person asked to cancel generation `id`, for a job already sent. A database that blinks must not end a
 * job that is paid for, so a failed read counts as "not cancelled". At most one read per `everyMs` however fast the
 * poll (tests poll every few ms); the first read goes through at once (a job collected after a restart).
 */
export function cancelWatch(id: string, everyMs = 1000): () => Promise<boolean> {
  let last = -Infinity;
  return async () => {
    if (performance.now() - last < everyMs) return false;
    last = performance.now();
    return isCancelRequested(id).catch(() => false);
  };
}

/**
 * What a generation says when the person's cancel could not stop it. Its image is kept either way: the provider
 * was paid for it, and losing a paid image is worse than showing one the person no longer wanted.
 */
export function lateCancelNote(label: string, async: boolean): string {
  return async
    ? `Cancel came too late: ${label}'s job could not be stopped before it finished. The image is kept, since it is paid for.`
    : `Cancel came too late: the request to ${label} was already on its way, and a sent request cannot be recalled. It ran to the end and the image is kept, since it is paid for.`;
}
