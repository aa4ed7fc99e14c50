import type { z } from "zod";
import "@/lib/zod-setup";

/**
 * Client-safe provider vocabulary. Everything here may be imported by the browser: no keys, no fetch.
 */

export { field, fieldMeta, type FieldGroup, type FieldMeta, type FieldRole, type Widget } from "@/lib/params/field-meta";

export interface ModelDefinition {
  /** The provider's own model id / slug, as sent on the wire. */
  id: string;
  label: string;
  /** Model family, so the same model at several providers can be recognised. */
  family: "sd3.5-large" | "sd3.5-large-turbo" | "sd3.5-medium" | "sd3-large" | "sd3-large-turbo" | "sd3-medium";
  /** Object schema of the form values; field names are the provider's own wire names. */
  schema: z.ZodObject;
  /** Values for a fresh form (must parse with `schema`). */
  defaults: Record<string, unknown>;
  /** Short facts shown beside the model picker (price, typical time). */
  notes?: string;
}

export interface ProviderDefinition {
  id: string;
  label: string;
  /** Environment variable that holds the key (named in "not configured" messages). */
  keyEnv: string;
  baseUrlEnv: string;
  defaultBaseUrl: string;
  /**
   * Further hosts a provider speaks to besides its base URL (fal: a queue host beside the sync host), by name: each
   * with its own variable and default. The adapter receives them as `baseUrls[name]`.
   */
  extraBaseUrls?: Readonly<Record<string, { env: string; defaultUrl: string }>>;
  docsUrl: string;
  /** How many requests we run at once against this provider by default. */
  defaultConcurrency: number;
  models: readonly ModelDefinition[];
}

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
  canceled: "was cancelled on request",
  internal: "failed because of an error in the playground",
};
