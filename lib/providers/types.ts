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
  /**
   * Fields the schema requires only when another is given (a non-empty value), by that other field: Stability's
   * `strength` with an `image`. The server applies no default to them, so `GET /api/models` says they are required
   * then (`dependentRequired`) instead of offering the form's starting value as a default.
   */
  requiredWith?: Readonly<Record<string, readonly string[]>>;
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

export { errorCodes, errorSummaries, type ErrorCode } from "./error-codes";
