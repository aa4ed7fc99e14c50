import { z } from "zod";

/**
 * Client-safe provider vocabulary. Everything here may be imported by the browser: no keys, no fetch.
 */

/** What a parameter means across providers; lets the comparison view and the form treat fields by meaning. */
export type FieldRole =
  | "prompt"
  | "negativePrompt"
  | "seed"
  | "steps"
  | "cfg"
  | "count"
  | "size"
  | "width"
  | "height"
  | "aspectRatio"
  | "format"
  | "quality"
  | "image"
  | "imageStrength"
  /** Sampling method (A1111 "Sampler"); values are the provider's own names. */
  | "sampler"
  /** Noise schedule (A1111 "Schedule type"). */
  | "scheduler";

export type Widget =
  | "textarea" // long text (prompt, negative prompt)
  | "text"
  | "number" // plain number input
  | "slider" // slider with a number input beside it
  | "select"
  | "switch"
  | "seed" // integer with randomize + lock
  | "size" // union of preset enum | {width, height}
  | "image"; // file upload sent as a data URL

export type FieldGroup = "prompt" | "size" | "main" | "advanced";

/** UI hints that live beside the schema (zod 4 registry), never in components. */
export interface FieldMeta {
  label: string;
  widget: Widget;
  group: FieldGroup;
  role?: FieldRole;
  help?: string;
  placeholder?: string;
  /** Slider/number step. */
  step?: number;
  /** Display labels for enum values (value -> label). */
  optionLabels?: Record<string, string>;
  /** Show only when another field has one of these values (e.g. width only when aspect_ratio is "custom"). */
  showWhen?: { field: string; equals: readonly (string | number | boolean)[] };
  /** For the size widget: pixel dimensions of each preset, to show and to compare. */
  presetSizes?: Record<string, { width: number; height: number }>;
  /** Order within the group (lower first). */
  order?: number;
}

export const fieldMeta = z.registry<FieldMeta>();

/** Attach UI hints to a schema and return it, so declarations read top to bottom. */
export function field<T extends z.ZodType>(schema: T, meta: FieldMeta): T {
  fieldMeta.add(schema, meta);
  return schema;
}

export interface ModelDefinition {
  /** The provider's own model id / slug, as sent on the wire. */
  id: string;
  label: string;
  /** Model family, so the same model at several providers can be recognised. */
  family: "sd3.5-large" | "sd3.5-large-turbo" | "sd3.5-medium" | "sd3-medium";
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
  internal: "failed because of an error in the playground",
};
