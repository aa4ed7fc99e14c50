"use server";
import { z } from "zod";
import { createSuite, updateSuite } from "@/lib/db/suites";
import { importPrompts, type LineProblem } from "@/lib/suites/import";
import { starterPrompts, starterSuiteName } from "@/lib/suites/starter";
import { MAX_NAME_CHARS, MAX_SUITE_TEXT_CHARS } from "@/lib/suites/types";
import { fail, validatedAction, type ActionFailure } from "./result";

const input = z.strictObject({
  /** Absent: a new suite. */
  id: z.uuid().optional(),
  name: z.string().trim().min(1, "Give the suite a name.").max(MAX_NAME_CHARS, `A name takes at most ${MAX_NAME_CHARS} characters.`),
  text: z.string().max(MAX_SUITE_TEXT_CHARS, "That is more text than a suite of 1,000 prompts."),
  format: z.enum(["lines", "csv"]),
});

export type SaveSuiteResult = { ok: true; suiteId: string; count: number } | (ActionFailure & { problems?: LineProblem[] });

/**
 * Creates or edits a suite from pasted lines or a .txt/.csv file's text. Nothing is saved while any line has a
 * problem: every problem comes back by line number.
 */
export const saveSuite: (raw: unknown) => Promise<SaveSuiteResult> = validatedAction(
  {
    name: "saveSuite",
    schema: input,
    subject: "A suite",
    invalid: (error) => error.issues[0]?.message ?? "Malformed suite.",
    failed: "The suite could not be saved",
  },
  async ({ id, name, text, format }) => {
    const read = importPrompts(text, format);
    if (!read.ok) {
      const n = read.problems.length;
      return { ...fail("invalid_input", `Nothing was saved: ${n} ${n === 1 ? "line needs" : "lines need"} fixing.`), problems: read.problems };
    }
    const prompts = read.prompts.map((p) => ({ text: p.text, category: p.category }));
    if (!id) {
      const suite = await createSuite({ name, prompts });
      return { ok: true as const, suiteId: suite.id, count: prompts.length };
    }
    const suite = await updateSuite(id, { name, prompts });
    if (!suite) return fail("not_found", "This suite no longer exists.");
    return { ok: true as const, suiteId: suite.id, count: prompts.length };
  },
);

/** Adds a copy of the starter suite (24 prompts we wrote) to the person's suites. */
export const addStarterSuite: (raw: unknown) => Promise<SaveSuiteResult> = validatedAction(
  { name: "addStarterSuite", schema: z.strictObject({}), invalid: "Malformed request.", failed: "The starter suite could not be added" },
  async () => {
    const suite = await createSuite({ name: starterSuiteName, prompts: starterPrompts });
    return { ok: true as const, suiteId: suite.id, count: suite.prompts.length };
  },
);
