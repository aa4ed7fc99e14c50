/**
 * A fresh idempotency key for one submission (a click on Generate, Compare, Run): the server starts one run per key,
 * however often the request arrives. `randomUUID` exists only in secure contexts (https, localhost), and the app may
 * be served over plain http on a network, where 16 random bytes in hex do the same.
 */
export function newSubmissionKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}
