import { randomUUID } from "node:crypto";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { keysOf, requestErrorMap } from "@/lib/forms/request-errors";
import { unknownFieldsMessage } from "@/lib/forms/words";
import { fieldErrorsOf, unknownFields } from "@/lib/params/field-errors";
import { BudgetExceeded } from "@/lib/budget/errors";

export { fieldErrorsOf, unknownFields };

/*
 * One way for every server action to answer: expected failures are return values the form maps onto its fields;
 * unexpected ones are logged on the server in full and reach the person as one sentence plus a reference.
 * Not a "use server" module: these are helpers, not actions.
 */

export type ActionFailure = {
  ok: false;
  code: "invalid_input" | "not_configured" | "not_found" | "budget_exceeded" | "in_flight" | "stale" | "internal";
  message: string;
  fieldErrors: Record<string, string>;
};

/** An expected failure. */
/** Above the confirmation threshold and not yet confirmed: what to ask the person. Nothing was stored. */
export interface NeedsConfirmation {
  ok: false;
  code: "needs_confirmation";
  message: string;
  images: number;
  usd: number;
  unknown: number;
}

const failureStatus: Record<string, number> = { not_found: 404, budget_exceeded: 402, needs_confirmation: 409, in_flight: 409, stale: 409, internal: 500 };

/** The HTTP status an API route answers an action's result with: `okStatus` on success, one per failure code, else 400. */
export function statusOf(result: { ok: true } | { ok: false; code: string }, okStatus = 202): number {
  return result.ok ? okStatus : (failureStatus[result.code] ?? 400);
}

export function fail(code: ActionFailure["code"], message: string, fieldErrors: Record<string, string> = {}): ActionFailure {
  return { ok: false, code, message, fieldErrors };
}

/** Input that did not parse: every field's first problem, for the form. */
export function invalid(error: z.ZodError, message: string): ActionFailure {
  return fail("invalid_input", message, fieldErrorsOf(error));
}

/**
 * The failure for fields `where` does not take, naming each and, when given, the fields it does take; null when
 * there are none (zod would strip them).
 */
export function unknownFieldsFailure(paths: string[], where: string, accepted: readonly string[] = []): ActionFailure | null {
  if (paths.length === 0) return null;
  return fail("invalid_input", unknownFieldsMessage(paths, where, accepted), Object.fromEntries(paths.map((p) => [p, "Unknown field."])));
}

/** The top-level keys an object schema (or a union of them) takes, for "it takes …". */
/** An unexpected failure: the detail goes to the server log, the person gets `what` plus a reference to quote. */
export function internalFailure(action: string, what: string, error: unknown): ActionFailure {
  const reference = randomUUID().slice(0, 8);
  console.error(`[${action}] failed (ref ${reference})`, error);
  return fail("internal", `${what} (reference ${reference}).`);
}

export interface ActionSpec<S extends z.ZodType> {
  /** For the log line. */
  name: string;
  schema: S;
  /** What the person reads when the input does not parse (a function may quote the first issue). */
  invalid: string | ((error: z.ZodError) => string);
  /** What the person reads, before the reference, when something unexpected fails. */
  failed: string;
  /** What takes the input, for "…does not take it" when it carries a field the schema does not declare. */
  subject?: string;
}

/**
 * An action as a schema plus a body (after nextjs/saas-starter's `validatedAction`): the input is parsed first,
 * fields the schema does not declare are refused by name, and every field error is returned; anything the body throws becomes a logged reference, except Next.js's own
 * control flow (redirect, notFound), which is passed on.
 */
export function validatedAction<S extends z.ZodType, R>(
  spec: ActionSpec<S>,
  body: (data: z.output<S>) => Promise<R | ActionFailure>,
): (raw: unknown) => Promise<R | ActionFailure> {
  return async (raw) => {
    const extra = unknownFields(spec.schema, raw);
    const topLevel = extra.every((p) => !p.includes("."));
    const refused = unknownFieldsFailure(extra, spec.subject ?? "This request", topLevel ? keysOf(spec.schema) : []);
    if (refused) return refused;
    // In words: labelled fields by their label and range (a suite run's `shared.steps`), the request's own fields by
    // name with what is expected (lib/forms/request-errors.ts).
    const parsed = spec.schema.safeParse(raw, { error: requestErrorMap(spec.schema, spec.subject) });
    if (!parsed.success) {
      return invalid(parsed.error, typeof spec.invalid === "string" ? spec.invalid : spec.invalid(parsed.error));
    }
    try {
      return await body(parsed.data);
    } catch (error) {
      unstable_rethrow(error);
      // Refused by a budget before anything was stored or sent: the message names it, what is left and the estimate.
      if (error instanceof BudgetExceeded) return fail("budget_exceeded", error.message);
      return internalFailure(spec.name, spec.failed, error);
    }
  };
}
