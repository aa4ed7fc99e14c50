import "server-only";
import { parseRunCursor, runCursor } from "@/lib/gallery/cursor";
import { randomUUID } from "node:crypto";
import { db, engine } from "./client";
import { foldForSearch } from "./search-text";
import type { Page, RunDTO } from "./dto";
import { lightRun, runInclude, toRunDTO } from "./mappers";
import { buildGenerationProbe, buildRunListQuery, hasGenerationFilters, type RunListStrategy } from "./run-query";
import type { GalleryFilters } from "@/lib/gallery/filters";
import { getModel, providerIds } from "@/lib/providers";
import { withBudget } from "./budget";
import { answerKeyIn } from "./idempotency";
import type { Prisma } from "./generated/client";

export interface NewTarget {
  provider: string;
  model: string;
  prompt: string;
  input: Record<string, unknown>;
  /** Its place in a batch (see `Generation.cellX`). */
  cell?: { x: number; y?: number; z?: number };
}

export type RunKind = RunDTO["kind"];

export interface CreatedRun {
  runId: string;
  generationIds: string[];
}

/** A claimed idempotency key and the answer it gives again, stored with the run (lib/db/idempotency.ts). */
export interface RunIdempotency {
  key: string;
  answer: (created: CreatedRun) => unknown;
}

/**
 * Stores a run and its generations as `queued` in one transaction, before any provider is called, reserving each
 * one's estimate; throws BudgetExceeded (nothing stored) when the estimate does not fit a budget.
 */
export async function createRun(args: {
  kind: RunKind;
  prompt: string;
  shared?: Record<string, unknown>;
  /** A batch's description (a suite's prompts and targets, a grid's axes). */
  spec?: Record<string, unknown>;
  targets: NewTarget[];
  idempotency?: RunIdempotency;
}): Promise<CreatedRun> {
  const runId = randomUUID();
  const generationIds = args.targets.map(() => randomUUID());
  const now = new Date();
  // The budget check and the reservation share this transaction (lib/db/budget.ts): refused before anything is stored.
  await withBudget(args.targets, (tx, reservedUsd) => [
    tx.run.create({
      data: { id: runId, kind: args.kind, prompt: args.prompt, searchText: foldForSearch(args.prompt), shared: JSON.stringify(args.shared ?? {}), spec: args.spec ? JSON.stringify(args.spec) : null, createdAt: now },
    }),
    tx.generation.createMany({
      data: args.targets.map((t, position) => ({
        id: generationIds[position]!,
        runId,
        position,
        createdAt: now,
        provider: t.provider,
        model: t.model,
        prompt: t.prompt,
        input: JSON.stringify(t.input),
        cellX: t.cell?.x ?? null,
        cellY: t.cell?.y ?? null,
        cellZ: t.cell?.z ?? null,
        status: "queued",
        reservedUsd: reservedUsd[position] ?? null,
      })),
    }),
    ...(args.idempotency ? [answerKeyIn(tx, args.idempotency.key, runId, args.idempotency.answer({ runId, generationIds }))] : []),
  ]);
  return { runId, generationIds };
}

export async function getRun(id: string): Promise<RunDTO | null> {
  const row = await (await db()).run.findUnique({ where: { id }, include: runInclude });
  return row ? toRunDTO(row) : null;
}

export interface ListRunsOptions extends GalleryFilters {
  /** The previous page's `nextCursor` (lib/gallery/cursor.ts). */
  cursor?: string | null;
  limit?: number;
}

/** Matching generations counted before choosing a plan; see `RunListStrategy`. */
const PROBE_CAP = 2000;

/**
 * Runs newest first (a comparison is one item), filtered; keyset pages on (createdAt, id), the cursor carrying the
 * previous page's last place (lib/gallery/cursor.ts), so a page deep in a large history costs what the first one
 * does, and a deleted last run does not end the list.
 */
export async function listRuns(opts: ListRunsOptions): Promise<Page<RunDTO>> {
  const client = await db();
  const limit = Math.min(Math.max(opts.limit ?? 40, 1), 100);
  const filters = withKnownProvider(opts);
  let strategy: RunListStrategy = "walk";
  if (hasGenerationFilters(filters)) {
    const probe = buildGenerationProbe(filters, PROBE_CAP, engine());
    const rows = await client.$queryRawUnsafe<{ n: number | bigint }[]>(probe.sql, ...probe.args);
    if (Number(rows[0]?.n ?? 0) < PROBE_CAP) strategy = "generations-first";
  }
  const { sql, args } = buildRunListQuery({ ...filters, cursor: opts.cursor, limit: limit + 1 }, strategy, undefined, engine());
  const ids = (await client.$queryRawUnsafe<{ id: string }[]>(sql, ...args)).map((r) => r.id);
  const pageIds = ids.slice(0, limit);
  const items = (await runsById(pageIds)).map(lightRun);
  const last = items.at(-1);
  return { items, nextCursor: ids.length > limit && last ? runCursor(last) : null };
}

/**
 * A cursor as `listRuns` reads it: the current form as given; the older form (a bare run id) placed through its row,
 * or null when no run has that id (deleted since, or not a cursor at all), which would otherwise read as an empty
 * last page.
 */
export async function resolveRunCursor(cursor: string): Promise<string | null> {
  const after = parseRunCursor(cursor);
  if (after.createdAt) return cursor;
  const row = await (await db()).run.findUnique({ where: { id: after.id }, select: { id: true, createdAt: true } });
  return row ? runCursor({ id: row.id, createdAt: row.createdAt.toISOString() }) : null;
}

/** A model id alone is narrowed to its provider when only one has it, so the provider index can serve it. */
function withKnownProvider<T extends GalleryFilters>(f: T): T {
  if (!f.model || f.provider) return f;
  const owners = providerIds.filter((id) => getModel(id, f.model!));
  return owners.length === 1 ? { ...f, provider: owners[0] } : f;
}

/** Full runs for these ids, in the order given (missing ids skipped). */
async function runsById(ids: string[]): Promise<RunDTO[]> {
  if (ids.length === 0) return [];
  const rows = await (await db()).run.findMany({ where: { id: { in: ids } }, include: runInclude });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toRunDTO(row)] : [];
  });
}

export async function isFavorite(runId: string): Promise<boolean> {
  const row = await (await db()).run.findUnique({ where: { id: runId }, select: { favorite: true } });
  return row?.favorite ?? false;
}

export async function setFavorite(runId: string, favorite: boolean): Promise<boolean> {
  const { count } = await (await db()).run.updateMany({ where: { id: runId }, data: { favorite } });
  return count === 1;
}

// ---- deleting ----

/** An image's files in the store (relative paths); content-addressed, so several rows may share them. */
export interface StoredFiles {
  file: string;
  thumbFile: string;
}

type Tx = Parameters<Parameters<Awaited<ReturnType<typeof db>>["$transaction"]>[0]>[0];

/** Of these files, the ones an Image row still points at. */
export async function referencedFiles(files: string[], tx?: Tx): Promise<Set<string>> {
  const client = tx ?? (await db());
  const found = new Set<string>();
  const unique = [...new Set(files)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await client.image.findMany({ where: { file: { in: unique.slice(i, i + 500) } }, select: { file: true } });
    for (const r of rows) found.add(r.file);
  }
  return found;
}

async function unreferenced(tx: Tx, images: StoredFiles[]): Promise<StoredFiles[]> {
  const still = await referencedFiles(images.map((i) => i.file), tx);
  const seen = new Set<string>();
  return images.filter((i) => !still.has(i.file) && !seen.has(i.file) && seen.add(i.file));
}

const DELETE_CHUNK = 200;

const inFlight = { status: { in: ["queued", "running"] } };

/**
 * How many generations of these runs (or this generation) are queued or running. Those are not deleted: the provider
 * would run on and bill with nothing left to record the result or to cancel it, so they are cancelled or finish first.
 */
export async function countInFlight(scope: { runIds: string[] } | { generationId: string }): Promise<number> {
  const where = "runIds" in scope ? { runId: { in: scope.runIds } } : { id: scope.generationId };
  return (await db()).generation.count({ where: { ...where, ...inFlight } });
}

/**
 * Deletes runs with their generations, images and share links. Returns the runs deleted and the image files no
 * remaining row references (the caller removes those from disk); a file another generation shares stays.
 */
export async function deleteRuns(ids: string[]): Promise<{ deleted: string[]; files: StoredFiles[] }> {
  const client = await db();
  const deleted: string[] = [];
  const files: StoredFiles[] = [];
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += DELETE_CHUNK) {
    const chunk = unique.slice(i, i + DELETE_CHUNK);
    const result = await client.$transaction(async (tx) => {
      // A run that got a job in flight since the caller checked (a retry) is kept, not deleted under its worker.
      const busy = new Set((await tx.generation.findMany({ where: { runId: { in: chunk }, ...inFlight }, select: { runId: true } })).map((g) => g.runId));
      const runIds = (await tx.run.findMany({ where: { id: { in: chunk.filter((id) => !busy.has(id)) } }, select: { id: true } })).map((r) => r.id);
      const ofRuns = { generation: { runId: { in: runIds } } };
      const images = await tx.image.findMany({ where: ofRuns, select: { file: true, thumbFile: true } });
      await tx.share.deleteMany({ where: { runId: { in: runIds } } });
      await tx.image.deleteMany({ where: ofRuns });
      await keepSpend(tx, { runId: { in: runIds } });
      await tx.generation.deleteMany({ where: { runId: { in: runIds } } });
      await tx.run.deleteMany({ where: { id: { in: runIds } } });
      return { runIds, files: await unreferenced(tx, images) };
    });
    deleted.push(...result.runIds);
    files.push(...result.files);
  }
  return { deleted, files };
}

/**
 * Deletes one generation (e.g. one target of a comparison) with its images and share links; the run goes too when
 * it was its last generation. `null` when there is no such generation.
 */
export async function deleteGeneration(
  id: string,
): Promise<{ runId: string; runDeleted: boolean; files: StoredFiles[]; inFlight?: true } | null> {
  const client = await db();
  return client.$transaction(async (tx) => {
    const gen = await tx.generation.findUnique({ where: { id }, select: { runId: true, status: true } });
    if (!gen) return null;
    if (gen.status === "queued" || gen.status === "running") return { runId: gen.runId, runDeleted: false, files: [], inFlight: true };
    const images = await tx.image.findMany({ where: { generationId: id }, select: { file: true, thumbFile: true } });
    await tx.share.deleteMany({ where: { generationId: id } });
    await tx.image.deleteMany({ where: { generationId: id } });
    await keepSpend(tx, { id });
    await tx.generation.delete({ where: { id } });
    const left = await tx.generation.count({ where: { runId: gen.runId } });
    if (left === 0) {
      await tx.share.deleteMany({ where: { runId: gen.runId } });
      await tx.run.delete({ where: { id: gen.runId } });
    }
    return { runId: gen.runId, runDeleted: left === 0, files: await unreferenced(tx, images) };
  });
}

/**
 * Moves what the generations about to be deleted count against the budgets into RetiredSpend, in the deleting
 * transaction: deleting gallery items never lowers the spend a cap is checked against.
 */
async function keepSpend(tx: Tx, where: Prisma.GenerationWhereInput): Promise<void> {
  const rows = await tx.generation.findMany({
    where: { ...where, emulated: false, reservedUsd: { gt: 0 } },
    select: { id: true, provider: true, reservedUsd: true, createdAt: true },
  });
  if (rows.length === 0) return;
  await tx.retiredSpend.createMany({ data: rows.map((r) => ({ id: r.id, provider: r.provider, usd: r.reservedUsd!, createdAt: r.createdAt })) });
}

// ---- export ----

/** Runs in the order given, with the stored file of each of their images (by image id), for the zip export. */
export async function getRunsWithFiles(
  ids: string[],
): Promise<{ runs: RunDTO[]; files: Map<string, { file: string; thumbFile: string; sha256: string }> }> {
  const runs = await runsById([...new Set(ids)]);
  const imageIds = runs.flatMap((r) => r.generations.flatMap((g) => g.images.map((i) => i.id)));
  const rows = imageIds.length
    ? await (await db()).image.findMany({ where: { id: { in: imageIds } }, select: { id: true, file: true, thumbFile: true, sha256: true } })
    : [];
  return { runs, files: new Map(rows.map((r) => [r.id, { file: r.file, thumbFile: r.thumbFile, sha256: r.sha256 }])) };
}
