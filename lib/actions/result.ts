import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { keysOf, requestErrorMap } from "@/lib/forms/request-errors";
import { unknownFieldsMessage } from "@/lib/forms/words";
import { fieldErrorsOf, unknownFields } from "@/lib/params/field-errors";
import { BudgetExceeded } from "@/lib/budget/errors";
import { releaseKey, recordAnswer } from "@/lib/db/idempotency";
import { claimOrWait, fingerprint, IDEMPOTENCY_HEADER, keyProblem, markReplayed, type StartOptions } from "./idempotency";

export { fieldErrorsOf, unknownFields };

/*
 * One way for every server action to answer: expected failures are return values the form maps onto its fields;
 * unexpected ones are logged on the server in full and reach the person as one sentence plus a reference.
 * Not a "use server" module: these are helpers, not actions.
 */

export type ActionFailure = {
  ok: false;
  code: "invalid_input" | "not_configured" | "not_found" | "budget_exceeded" | "in_flight" | "stale" | "key_reused" | "key_in_progress" | "internal";
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

const failureStatus: Record<string, number> = {
  not_found: 404,
  budget_exceeded: 402,
  needs_confirmation: 409,
  in_flight: 409,
  stale: 409,
  key_reused: 422,
  key_in_progress: 409,
  internal: 500,
};

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
  /** For the log line, and part of an idempotency key's fingerprint. */
  name: string;
  schema: S;
  /** What the person reads when the input does not parse (a function may quote the first issue). */
  invalid: string | ((error: z.ZodError) => string);
  /** What the person reads, before the reference, when something unexpected fails. */
  failed: string;
  /** What takes the input, for "…does not take it" when it carries a field the schema does not declare. */
  subject?: string;
  /** Starts paid work: takes an idempotency key (./idempotency.ts) and passes it on for createRun to answer with. */
  idempotent?: boolean;
}

/** What an action's body gets besides its input. */
export interface ActionContext {
  /** The idempotency key this request claimed: createRun stores the answer with the run (lib/db/idempotency.ts). */
  idempotencyKey?: string;
}

/** An action's work, given its parsed input. */
type ActionBody<S extends z.ZodType, R> = (data: z.output<S>, context: ActionContext) => Promise<R | ActionFailure>;

/**
 * An action as a schema plus a body (after nextjs/saas-starter's `validatedAction`): the input is parsed first,
 * fields the schema does not declare are refused by name, and every field error is returned; anything the body throws becomes a logged reference, except Next.js's own
 * control flow (redirect, notFound), which is passed on. An `idempotent` action given a key answers the same key and
 * request once (the first answer again, nothing started) and refuses the key with another request.
 */
export function validatedAction<S extends z.ZodType, R>(
  spec: ActionSpec<S>,
  body: ActionBody<S, R>,
): (raw: unknown, options?: StartOptions) => Promise<R | ActionFailure> {
  return async (raw, options) => {
    // Called by an action that claimed a key (rerun starts a generation or a comparison): stored with this run.
    const held = spec.idempotent ? claimedKey.getStore() : undefined;
    const claimedByCaller = held && !held.taken ? held.key : undefined;
    const key = spec.idempotent && claimedByCaller === undefined ? options?.idempotencyKey : undefined;
    const badKey = key === undefined ? null : keyProblem(key);
    if (badKey) return fail("invalid_input", badKey, { [IDEMPOTENCY_HEADER]: badKey });
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
    if (held && claimedByCaller !== undefined) {
      held.taken = true;
      return runBody(spec, body, parsed.data, { idempotencyKey: claimedByCaller });
    }
    return key === undefined ? runBody(spec, body, parsed.data, {}) : runOnce(spec, body, parsed.data, key);
  };
}

/**
 * The key the running action claimed, for the one action it calls in turn: that one stores its run's answer under the
 * key in the transaction that stores the run, so no crash can leave the run stored and its key unanswered. Taken
 * once, and closed when the action ends: work started meanwhile (the runner's timers) carries the context on.
 */
const claimedKey = new AsyncLocalStorage<{ key: string; taken: boolean }>();

async function runBody<S extends z.ZodType, R>(
  spec: ActionSpec<S>,
  body: ActionBody<S, R>,
  data: z.output<S>,
  context: ActionContext,
): Promise<R | ActionFailure> {
  try {
    return await body(data, context);
  } catch (error) {
    unstable_rethrow(error);
    // Refused by a budget before anything was stored or sent: the message names it, what is left and the estimate.
    if (error instanceof BudgetExceeded) return fail("budget_exceeded", error.message);
    return internalFailure(spec.name, spec.failed, error);
  }
}

/**
 * The body once per key: the first request with it runs, a later one with the same request gets its answer again
 * (waiting while it runs), one with another request is refused. Only an answer that started work is kept: a refusal
 * (invalid, needs confirmation, over budget) stored nothing, so it frees the key for the request to be sent again.
 */
async function runOnce<S extends z.ZodType, R>(
  spec: ActionSpec<S>,
  body: ActionBody<S, R>,
  data: z.output<S>,
  key: string,
): Promise<R | ActionFailure> {
  let claim;
  try {
    claim = await claimOrWait(key, fingerprint(spec.name, data));
  } catch (error) {
    return internalFailure(spec.name, spec.failed, error);
  }
  if (claim.state === "answered") return markReplayed(claim.response as object) as R;
  if (claim.state === "other_request") {
    return fail("key_reused", `This ${IDEMPOTENCY_HEADER} was already used with a different request: send a new key for a new request.`);
  }
  if (claim.state === "in_progress") {
    return fail("key_in_progress", `A request with this ${IDEMPOTENCY_HEADER} is in progress: send it again once that one has answered.`);
  }
  let result: R | ActionFailure | undefined;
  const held = { key, taken: false };
  try {
    result = await claimedKey.run(held, () => runBody(spec, body, data, { idempotencyKey: key }));
    return result;
  } finally {
    held.taken = true;
    // createRun already stored a run's answer with it; this keeps an answer no run carries, or frees the key.
    const started = typeof result === "object" && result !== null && (result as { ok?: unknown }).ok === true;
    await (started ? recordAnswer(key, result) : releaseKey(key)).catch((error: unknown) => console.error(`[${spec.name}] idempotency key not settled`, error));
  }
}
