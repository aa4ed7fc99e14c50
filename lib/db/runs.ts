import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "./client";
import type { Page, RunDTO } from "./dto";
import { runInclude, toRunDTO } from "./mappers";

export interface NewTarget {
  provider: string;
  model: string;
  prompt: string;
  input: Record<string, unknown>;
}

/** Stores a run and its generations as `queued` in one transaction, before any provider is called. */
export async function createRun(args: {
  kind: "single" | "compare";
  prompt: string;
  shared?: Record<string, unknown>;
  targets: NewTarget[];
}): Promise<{ runId: string; generationIds: string[] }> {
  const client = await db();
  const runId = randomUUID();
  const generationIds = args.targets.map(() => randomUUID());
  const now = new Date();
  await client.$transaction([
    client.run.create({
      data: { id: runId, kind: args.kind, prompt: args.prompt, shared: JSON.stringify(args.shared ?? {}), createdAt: now },
    }),
    client.generation.createMany({
      data: args.targets.map((t, position) => ({
        id: generationIds[position]!,
        runId,
        position,
        createdAt: now,
        provider: t.provider,
        model: t.model,
        prompt: t.prompt,
        input: JSON.stringify(t.input),
        status: "queued",
      })),
    }),
  ]);
  return { runId, generationIds };
}

export async function getRun(id: string): Promise<RunDTO | null> {
  const row = await (await db()).run.findUnique({ where: { id }, include: runInclude });
  return row ? toRunDTO(row) : null;
}

/** Runs newest first (a comparison is one item); the cursor is the last run's id. */
export async function listRuns(opts: { cursor?: string | null; limit?: number }): Promise<Page<RunDTO>> {
  const client = await db();
  const limit = Math.min(Math.max(opts.limit ?? 40, 1), 100);
  const rows = await client.run.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(opts.cursor ? { cursor: { id: opts.cursor }, skip: 1 } : {}),
    include: runInclude,
  });
  const items = rows.slice(0, limit).map(toRunDTO);
  return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}
