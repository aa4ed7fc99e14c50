import { redirect } from "next/navigation";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { fail, statusOf, validatedAction } from "./result";

const schema = z.object({ name: z.string().min(1), count: z.number().int() }).strict();
const spec = { name: "test", schema, invalid: "Check the form.", failed: "It could not be saved" };

afterEach(() => vi.restoreAllMocks());

describe("validatedAction", () => {
  it("returns every field's problem when the input does not parse, without running the body", async () => {
    const body = vi.fn();
    const result = await validatedAction(spec, body)({ name: "", count: 1.5 });
    expect(result).toMatchObject({ ok: false, code: "invalid_input", message: "Check the form." });
    expect(Object.keys((result as { fieldErrors: object }).fieldErrors).sort()).toEqual(["count", "name"]);
    expect(body).not.toHaveBeenCalled();
  });

  it("passes parsed input to the body and returns its answer, expected failures included", async () => {
    const action = validatedAction(spec, async ({ name }) => (name === "x" ? fail("not_found", "No x.") : { ok: true as const, name }));
    expect(await action({ name: "a", count: 1 })).toEqual({ ok: true, name: "a" });
    expect(await action({ name: "x", count: 1 })).toEqual({ ok: false, code: "not_found", message: "No x.", fieldErrors: {} });
  });

  it("turns a thrown error into a logged reference, never its message", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const result = await validatedAction(spec, async () => {
      throw new Error("SQLITE_BUSY secret detail");
    })({ name: "a", count: 1 });
    expect(result).toMatchObject({ ok: false, code: "internal" });
    const message = (result as { message: string }).message;
    expect(message).toMatch(/^It could not be saved \(reference [0-9a-f]{8}\)\.$/);
    expect(message).not.toContain("SQLITE_BUSY");
    expect(String(log.mock.calls[0]?.[0])).toContain(message.slice(-10, -2));
  });

  it("lets Next.js control flow (redirect) through", async () => {
    const action = validatedAction(spec, async () => redirect("/elsewhere"));
    await expect(action({ name: "a", count: 1 })).rejects.toThrow(/NEXT_REDIRECT/);
  });
});

describe("statusOf", () => {
  it("answers every API route's failures the same way: a refused budget is 402 wherever it happens", () => {
    expect(statusOf({ ok: true })).toBe(202);
    expect(statusOf({ ok: true }, 201)).toBe(201);
    expect(statusOf(fail("budget_exceeded", "x"))).toBe(402);
    expect(statusOf({ ok: false, code: "needs_confirmation" })).toBe(409);
    expect(statusOf(fail("not_found", "x"))).toBe(404);
    expect(statusOf(fail("internal", "x"))).toBe(500);
    expect(statusOf(fail("invalid_input", "x"))).toBe(400);
  });
});
