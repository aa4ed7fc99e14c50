import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db } from "./client";
import { parseJson } from "./mappers";
import { suitePromptSchema, type SuiteDTO, type SuitePrompt, type SuiteSummaryDTO } from "@/lib/suites/types";

const promptList = z.array(suitePromptSchema);

type SuiteRow = { id: string; name: string; prompts: string; revision: number; createdAt: Date; updatedAt: Date };

function toSuiteDTO(row: SuiteRow): SuiteDTO {
  return {
    id: row.id,
    name: row.name,
    prompts: parseJson(promptList, row.prompts, []),
    revision: row.revision,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const stored = (prompts: SuitePrompt[]) => JSON.stringify(prompts.map((p) => ({ text: p.text, category: p.category })));

export async function createSuite(args: { name: string; prompts: SuitePrompt[] }): Promise<SuiteDTO> {
  const row = await (await db()).promptSuite.create({
    data: { id: randomUUID(), name: args.name, prompts: stored(args.prompts) },
  });
  return toSuiteDTO(row);
}

export async function getSuite(id: string): Promise<SuiteDTO | null> {
  const row = await (await db()).promptSuite.findUnique({ where: { id } });
  return row ? toSuiteDTO(row) : null;
}

/** Suites, most recently edited first. */
export async function listSuites(limit = 200): Promise<SuiteSummaryDTO[]> {
  const rows = await (await db()).promptSuite.findMany({ orderBy: [{ updatedAt: "desc" }, { id: "asc" }], take: limit });
  return rows.map((row) => {
    const s = toSuiteDTO(row);
    const categories = [...new Set(s.prompts.flatMap((p) => (p.category ? [p.category] : [])))];
    return { id: s.id, name: s.name, count: s.prompts.length, categories, revision: s.revision, updatedAt: s.updatedAt };
  });
}

/** Saves an edit and bumps the revision; null when the suite is gone. */
export async function updateSuite(id: string, args: { name: string; prompts: SuitePrompt[] }): Promise<SuiteDTO | null> {
  const client = await db();
  const { count } = await client.promptSuite.updateMany({
    where: { id },
    data: { name: args.name, prompts: stored(args.prompts), revision: { increment: 1 } },
  });
  return count === 1 ? getSuite(id) : null;
}

/** Deletes a suite; its runs stay (each run's spec holds the prompts it ran). */
export async function deleteSuite(id: string): Promise<boolean> {
  const { count } = await (await db()).promptSuite.deleteMany({ where: { id } });
  return count === 1;
}
