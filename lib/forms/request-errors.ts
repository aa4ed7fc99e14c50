import { z } from "zod";
import { humanErrorMap } from "./human-errors";
import { fmt, unknownFieldsMessage, words } from "./words";

/*
 * Validation messages in words for a request's own fields (the envelope around a model's parameters: `provider`,
 * `model`, `input`, `targets`, ids, flags), used at every boundary that parses a body, a query or an action's input.
 * Labelled parameter fields keep their label-and-range wording (humanErrorMap); every other field is named by a
 * human label when the form shows one ("Model"), else by its JSON path in backticks, and the message says what is
 * expected instead of zod's defaults ("Invalid input: expected string, received undefined").
 */

/** Envelope keys a person also sees in the forms, by their form label; any other key is named as `json.path`. */
const envelopeLabels: Record<string, string> = { provider: "Provider", model: "Model", prompt: "Prompt", name: "Name" };

type Issue = z.core.$ZodRawIssue;

function labelOf(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "The request";
  if (path.length === 1 && typeof path[0] === "string" && envelopeLabels[path[0]]) return envelopeLabels[path[0]]!;
  return `\`${path.map(String).join(".")}\``;
}

/** The schema under wrappers (optional, default, nullable, pipe's input side). */
function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let current = schema;
  for (let i = 0; current && i < 10; i++) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault) current = current.unwrap() as z.ZodType;
    else if (current instanceof z.ZodPipe) current = current.in as z.ZodType;
    else break;
  }
  return current;
}

/** The schema a path leads to through objects, arrays and unions of objects; undefined when it cannot be followed. */
function schemaAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  for (const key of path) {
    const inner = unwrap(current);
    if (inner instanceof z.ZodArray) current = inner.element as z.ZodType;
    else if (inner instanceof z.ZodObject) current = (inner.shape as Record<string, z.ZodType>)[String(key)];
    else if (inner instanceof z.ZodUnion) {
      const options = (inner.options as z.ZodType[]).map((o) => unwrap(o)).filter((o) => o instanceof z.ZodObject);
      current = options.map((o) => (o.shape as Record<string, z.ZodType>)[String(key)]).find(Boolean);
    } else return undefined;
  }
  return unwrap(current);
}

/** The field names a schema takes at its top level: an object's keys, or every key of a union's object forms. */
export function keysOf(schema: z.ZodType | undefined): string[] {
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  if (schema instanceof z.ZodUnion) return [...new Set((schema.options as z.ZodType[]).flatMap((o) => keysOf(unwrap(o))))];
  return [];
}

const expectedWords: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  bigint: "a whole number",
  boolean: "true or false",
  array: "a list",
  tuple: "a list",
  object: "an object",
  record: "an object",
  map: "an object",
  date: "a date",
  null: "null",
};

function received(input: unknown): string {
  if (Array.isArray(input)) return "a list";
  if (typeof input === "string") return "text";
  if (typeof input === "number") return Number.isInteger(input) ? "a number" : "a fraction";
  if (typeof input === "boolean") return input ? "true" : "false";
  if (typeof input === "object") return "an object";
  return typeof input;
}

const isMissing = (input: unknown) => input === undefined || input === null;

function sizeMessage(label: string, issue: Extract<Issue, { code: "too_small" | "too_big" }>, schema: z.ZodType | undefined): string | undefined {
  const small = issue.code === "too_small";
  const bound = Number(small ? issue.minimum : issue.maximum);
  if (issue.origin === "string") {
    if (!small) return words.tooLong(label, bound);
    return bound <= 1 ? `${label} must not be empty` : `${label} must be at least ${fmt(bound)} characters`;
  }
  if (issue.origin === "array" || issue.origin === "set") {
    const items = (n: number) => (n === 1 ? "1 item" : `${fmt(n)} items`);
    return small ? `${label} must list at least ${items(bound)}` : `${label} must list at most ${items(bound)}`;
  }
  if (issue.origin === "number" || issue.origin === "int" || issue.origin === "bigint") {
    let json: { minimum?: number; maximum?: number } = {};
    try {
      if (schema) json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as typeof json;
    } catch {
      // Unrepresentable: the issue's own bound is used instead.
    }
    return words.range(label, json.minimum ?? (small ? bound : undefined), json.maximum ?? (small ? undefined : bound));
  }
  return undefined;
}

/** The values a boolean, enum or literal schema takes; [undefined] for anything else. */
function literalValues(schema: z.ZodType | undefined): unknown[] {
  if (schema instanceof z.ZodBoolean) return [true, false];
  if (schema instanceof z.ZodEnum) return schema.options as unknown[];
  if (schema instanceof z.ZodLiteral) return [...schema.values];
  return [undefined];
}

/** What a union takes: one of its values (`embed`), or one of its object shapes (cancel: `{generationId}` or `{runId}`). */
function unionMessage(label: string, schema: z.ZodType | undefined, issue: Extract<Issue, { code: "invalid_union" }>): string {
  if (isMissing(issue.input)) return `${label} is required`;
  // A discriminated union's issue sits on the discriminator itself (`axes.0.kind`).
  const options = (issue as { options?: unknown[] }).options;
  if (Array.isArray(options) && options.length > 0) return `${label} must be one of ${options.map((o) => JSON.stringify(o)).join(", ")}`;
  const values = schema instanceof z.ZodUnion ? (schema.options as z.ZodType[]).flatMap((o) => literalValues(unwrap(o))) : [];
  if (values.length > 0 && values.every((v) => v !== undefined)) return `${label} must be one of ${values.map((v) => JSON.stringify(v)).join(", ")}`;
  const shapes = schema instanceof z.ZodUnion ? (schema.options as z.ZodType[]).map((o) => keysOf(unwrap(o))) : [];
  if (shapes.length > 0 && shapes.every((k) => k.length > 0)) {
    const forms = shapes.map((keys) => `{${keys.map((k) => `"${k}"`).join(", ")}}`).join(" or ");
    return `${label} must be one of these forms: ${forms}`;
  }
  return words.notValid(label);
}

/** Words for one issue on a field without form hints. */
function plainMessage(root: z.ZodType, issue: Issue, where: string): string | undefined {
  const path = issue.path ?? [];
  const label = labelOf(path);
  const schema = schemaAt(root, path);
  switch (issue.code) {
    case "invalid_type": {
      if (isMissing(issue.input) || issue.expected === "nonoptional") return `${label} is required`;
      // A query's number coerced from text that is not one ("?limit=abc").
      if (typeof issue.input === "number" && Number.isNaN(issue.input)) return `${label} must be ${expectedWords[issue.expected] ?? "a number"}`;
      const expected = expectedWords[issue.expected] ?? issue.expected;
      return `${label} must be ${expected}, not ${received(issue.input)}`;
    }
    case "too_small":
    case "too_big":
      return sizeMessage(label, issue, schema);
    case "invalid_format":
      if (issue.format === "uuid" || issue.format === "guid") return `${label} must be an id (a UUID)`;
      return words.format(label);
    case "invalid_value":
      if (issue.values.length === 1) return `${label} must be ${JSON.stringify(issue.values[0])}`;
      return `${label} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "unrecognized_keys":
      return unknownFieldsMessage(
        issue.keys.map((k) => [...path.map(String), k].join(".")),
        path.length === 0 ? where : labelOf(path),
        keysOf(schema),
      );
    case "invalid_union":
      return unionMessage(label, schema, issue);
    case "not_multiple_of":
      return words.multipleOf(label, Number(issue.divisor));
    case "invalid_key":
    case "invalid_element":
      return words.notValid(label);
    default:
      return undefined;
  }
}

/**
 * The error map for a request schema at a boundary: labelled parameter fields in their form wording, every other
 * field named and told what is expected. `where` names the request for unknown fields ("A generation request").
 * A message written on the schema itself still wins.
 */
export function requestErrorMap(schema: z.ZodType, where = "This request"): z.core.$ZodErrorMap {
  const labelled = schema instanceof z.ZodObject ? humanErrorMap(schema) : undefined;
  return (issue) => {
    const human = labelled?.(issue);
    return (typeof human === "string" ? human : undefined) ?? plainMessage(schema, issue, where);
  };
}

/** `schema.safeParse(input)` with requestErrorMap's messages. */
export function parseRequest<S extends z.ZodType>(schema: S, input: unknown, where?: string) {
  return schema.safeParse(input, { error: requestErrorMap(schema, where) });
}

/** Every message of a failed parse in one sentence-ish line, for an API answer's `message`. */
export function issuesText(error: z.ZodError): string {
  return [...new Set(error.issues.map((i) => (/[.!?]$/.test(i.message) ? i.message : `${i.message}.`)))].join(" ");
}
