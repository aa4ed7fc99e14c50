/**
 * What a generation says when the person's cancel could not stop it. Its image is kept either way: the provider
 * was paid for it, and losing a paid image is worse than showing one the person no longer wanted.
 */
export function lateCancelNote(label: string, async: boolean): string {
  return async
    ? `Cancel came too late: ${label}'s job could not be stopped before it finished. The image is kept, since it is paid for.`
    : `Cancel came too late: the request to ${label} was already on its way, and a sent request cannot be recalled. It ran to the end and the image is kept, since it is paid for.`;
}
