import { z } from "zod";
import { issuesText, parseRequest } from "@/lib/forms/request-errors";
import { toRecord, type ParamSource } from "@/lib/gallery/url-filters";
import { scoreFamilies } from "@/lib/scores/filters";

/** The /arena URL: which run the pairs come from, whose votes the ranking counts, and which model family. */
export const arenaQuerySchema = z
  .object({
    run: z.string().uuid().optional(),
    scope: z.enum(["mine", "shared", "all"]).default("mine"),
    family: z
      .enum([...scoreFamilies, ""])
      .optional()
      .transform((v) => (v ? v : undefined)),
    shared: z.string().regex(/^[A-Za-z0-9_-]{32}$/).optional(),
    /** Which link `shared` is, after a share form came back. */
    made: z.enum(["leaderboard", "arena"]).optional(),
  })
  .strict();

export type ArenaQuery = z.output<typeof arenaQuerySchema>;

export function parseArenaQuery(params: ParamSource): { ok: true; query: ArenaQuery } | { ok: false; error: string; query: ArenaQuery } {
  const parsed = parseRequest(arenaQuerySchema, toRecord(params), "The arena page");
  if (parsed.success) return { ok: true, query: parsed.data };
  const error = issuesText(parsed.error);
  return { ok: false, error, query: arenaQuerySchema.parse({}) };
}
