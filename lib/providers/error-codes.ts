/* The failure codes every provider maps its errors to, and their sentences: no zod, so result cards can use them. */

/** Typed failure causes; the UI explains each in one sentence. */
export const errorCodes = [
  "auth",
  "quota",
  "rate_limited",
  "invalid_input",
  "content_filtered",
  "timeout",
  "upstream",
  /** A 4xx the provider does not document: the request was refused, which is not a server error. */
  "rejected",
  "network",
  "not_configured",
  /** The server stopped while the request may have reached the provider; it was not sent again. */
  "interrupted",
  /** The provider delivered, but the image could not be downloaded or saved; its answer is kept for a retry. */
  "storage",
  /** The provider delivered, but its image link was dead (403, 404 or 410) by the time it was fetched. */
  "expired",
  /** The person cancelled it: queued work was never sent; running work was cancelled at the provider. */
  "canceled",
  "internal",
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const errorSummaries: Record<ErrorCode, string> = {
  auth: "rejected the API key",
  quota: "reports the account is out of credits or over its spending limit",
  rate_limited: "is rate limiting requests",
  invalid_input: "rejected the parameters",
  content_filtered: "blocked the request or image with its safety filter",
  timeout: "did not finish in time",
  upstream: "had a server error",
  rejected: "refused the request",
  network: "could not be reached",
  not_configured: "is not configured",
  interrupted: "may have billed a request that the server restart interrupted",
  storage: "delivered, but the image could not be saved",
  expired: "finished, but its image link had expired before it was downloaded",
  canceled: "was cancelled on request",
  internal: "failed because of an error in the playground",
};
