import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db } from "./client";
import type { GenerationStatus } from "./dto";
import { generationInclude, jsonObject, parseJson } from "./mappers";
import type { Prisma } from "./generated/client";
import type { CreatedShareDTO, SharedTargetDTO, SharedViewDTO, ShareListItemDTO } from "./share-dto";
import { isShareToken, newShareToken, sharePath } from "@/lib/share/token";
import { parseRunCursor, runCursor } from "@/lib/gallery/cursor";
import { viewShareListItem } from "./view-shares";

/** Shared links: create, resolve (only while not revoked), list, revoke. Everything a viewer gets goes through here. */

export type ShareTarget = { generationId: string } | { runId: string };

export async function createShare(args: { target: ShareTarget; includePrompt: boolean }): Promise<CreatedShareDTO | null> {
  const client = await db();
  let runId: string;
  let generationId: string | null = null;
  if ("generationId" in args.target) {
    const g = await client.generation.findUnique({ where: { id: args.target.generationId }, select: { id: true, runId: true } });
    if (!g) return null;
    runId = g.runId;
    generationId = g.id;
  } else {
    const run = await client.run.findUnique({ where: { id: args.target.runId }, select: { id: true } });
    if (!run) return null;
    runId = run.id;
  }
  const row = await client.share.create({
    data: { id: randomUUID(), token: newShareToken(), runId, generationId, includePrompt: args.includePrompt },
  });
  return { id: row.id, token: row.token, path: sharePath(row.token), includePrompt: row.includePrompt, createdAt: row.createdAt.toISOString() };
}

const shareViewInclude = {
  run: { include: { generations: { orderBy: { position: "asc" }, include: generationInclude } } },
  generation: { include: generationInclude },
} as const satisfies Prisma.ShareInclude;
type GenerationRow = Prisma.GenerationGetPayload<{ include: typeof generationInclude }>;

const storedTargets = z.array(z.object({ overrides: jsonObject.optional() }).passthrough());

function toSharedTarget(token: string, g: GenerationRow, reveal: boolean, overrides: Record<string, unknown> | null): SharedTargetDTO {
  return {
    id: g.id,
    provider: g.provider,
    model: g.model,
    emulated: g.emulated,
    status: g.status as GenerationStatus,
    images: g.images.map((img) => ({
      id: img.id,
      index: img.index,
      url: `/s/${token}/image/${img.id}`,
      thumbUrl: `/s/${token}/image/${img.id}?thumb=1`,
      viewUrl: `/s/${token}/image/${img.id}?view=1`,
      width: img.width,
      height: img.height,
    })),
    seed: reveal ? g.seed : null,
    params: reveal ? (parseJson(jsonObject.nullable(), g.sent, null) ?? parseJson(jsonObject, g.input, {})) : null,
    overrides: reveal ? overrides : null,
  };
}

/**
 * The shared view behind a token, or null when the token is malformed, unknown or revoked (callers answer all three
 * the same way). The prompt, parameters and seeds are left out here, not in the page, when the share hides them.
 */
export async function getActiveShareByToken(token: string): Promise<SharedViewDTO | null> {
  if (!isShareToken(token)) return null;
  const row = await (await db()).share.findFirst({ where: { token, revokedAt: null, kind: "run" }, include: shareViewInclude });
  if (!row?.run) return null;
  const run = row.run;
  const reveal = row.includePrompt;
  const shared = parseJson(jsonObject, run.shared, {});
  const perTarget = storedTargets.catch([]).parse(shared.targets);
  const isCompare = run.kind === "compare";
  const overridesAt = (position: number) => {
    const o = perTarget[position]?.overrides;
    return isCompare && o && Object.keys(o).length > 0 ? o : null;
  };

  let targets: SharedTargetDTO[];
  if (row.generationId) {
    if (!row.generation) return null;
    targets = [toSharedTarget(token, row.generation, reveal, overridesAt(row.generation.position))];
  } else {
    targets = run.generations.map((g) => toSharedTarget(token, g, reveal, overridesAt(g.position)));
  }
  const values = jsonObject.safeParse(shared.values);
  return {
    token,
    kind: row.generationId ? "generation" : "run",
    includePrompt: reveal,
    sharedAt: row.createdAt.toISOString(),
    prompt: reveal ? (row.generation?.prompt ?? run.prompt) : null,
    settings: reveal && isCompare && !row.generationId && values.success ? values.data : null,
    targets,
  };
}

export interface SharedImageFile {
  file: string;
  thumbFile: string;
  mime: string;
  sha256: string;
  width: number;
  height: number;
  includePrompt: boolean;
}

const imageSelect = { file: true, thumbFile: true, mime: true, sha256: true, width: true, height: true } as const;

/** One stored image, only if it belongs to what an active share shows. */
export async function getActiveSharedImage(token: string, imageId: string): Promise<SharedImageFile | null> {
  if (!isShareToken(token)) return null;
  const client = await db();
  const share = await client.share.findFirst({
    where: { token, revokedAt: null, kind: "run" },
    select: { runId: true, generationId: true, includePrompt: true },
  });
  if (!share?.runId) return null;
  const runId = share.runId;
  const image = await client.image.findFirst({
    where: { id: imageId, generation: share.generationId ? { id: share.generationId, runId } : { runId } },
    select: imageSelect,
  });
  return image ? { ...image, includePrompt: share.includePrompt } : null;
}

/** The first image of each shared target (at most `limit`), for the link preview picture. */
export async function getActiveSharePreviewImages(token: string, limit = 8): Promise<SharedImageFile[] | null> {
  if (!isShareToken(token)) return null;
  const client = await db();
  const share = await client.share.findFirst({
    where: { token, revokedAt: null, kind: "run" },
    select: { runId: true, generationId: true, includePrompt: true },
  });
  if (!share?.runId) return null;
  const runId = share.runId;
  const generations = await client.generation.findMany({
    where: share.generationId ? { id: share.generationId } : { runId },
    orderBy: { position: "asc" },
    select: { images: { orderBy: { index: "asc" }, take: share.generationId ? 4 : 1, select: imageSelect } },
  });
  return generations
    .flatMap((g) => g.images)
    .slice(0, limit)
    .map((img) => ({ ...img, includePrompt: share.includePrompt }));
}

const listInclude = {
  run: {
    select: {
      kind: true,
      prompt: true,
      generations: {
        orderBy: { position: "asc" },
        select: { provider: true, model: true, images: { orderBy: { index: "asc" }, take: 1, select: { id: true } } },
      },
    },
  },
  generation: {
    select: { provider: true, model: true, prompt: true, images: { orderBy: { index: "asc" }, take: 1, select: { id: true } } },
  },
} satisfies Prisma.ShareInclude;

function toShareListItem(row: Prisma.ShareGetPayload<{ include: typeof listInclude }>): ShareListItemDTO {
  if (!row.run) return viewShareListItem(row);
  const gens = row.generation ? [row.generation] : row.run.generations;
  const imageId = gens.flatMap((g) => g.images)[0]?.id;
  return {
    id: row.id,
    token: row.token,
    path: sharePath(row.token),
    kind: row.generationId ? "generation" : "run",
    includePrompt: row.includePrompt,
    createdAt: row.createdAt.toISOString(),
    runId: row.runId,
    href: row.generationId ? `/gallery/${row.generationId}` : `/runs/${row.runId}`,
    generationId: row.generationId,
    runKind: row.run.kind as ShareListItemDTO["runKind"],
    prompt: row.generation?.prompt ?? row.run.prompt,
    targetCount: gens.length,
    thumbUrl: imageId ? `/api/images/${imageId}?thumb=1` : null,
    labels: gens.map((g) => ({ provider: g.provider, model: g.model })),
  };
}

export interface ShareListPage {
  items: ShareListItemDTO[];
  /** Every active share, not only this page's. */
  total: number;
  nextCursor: string | null;
}

/**
 * The shares not revoked, newest first, a page at a time, with enough of each target to recognise it, and how many
 * there are in all. `cursor` is the last listed share's place (`<createdAt ISO>~<id>`, lib/gallery/cursor.ts), so every
 * link stays reachable (and revocable) however many there are, and a revoke in between moves no other link to another
 * page. Null for a cursor that is not such a place (hand-edited), so the page can say so.
 */
export async function listActiveShares(opts: { cursor?: string | null; limit?: number } = {}): Promise<ShareListPage | null> {
  const client = await db();
  const limit = Math.min(Math.max(opts.limit ?? 100, 1), 500);
  const after = opts.cursor ? parseRunCursor(opts.cursor) : null;
  if (after && !after.createdAt) return null;
  const page = after ? { createdAt: { lte: after.createdAt }, NOT: { createdAt: after.createdAt, id: { gte: after.id } } } : {};
  const [rows, total] = await Promise.all([
    client.share.findMany({
      where: { revokedAt: null, ...page },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit + 1,
      include: listInclude,
    }),
    client.share.count({ where: { revokedAt: null } }),
  ]);
  const items = rows.slice(0, limit).map(toShareListItem);
  const last = items.at(-1);
  return { items, total, nextCursor: rows.length > limit && last ? runCursor(last) : null };
}

/** Revokes at once: every route under /s/<token> answers 404 from the next request on. False if already revoked. */
export async function revokeShare(id: string): Promise<boolean> {
  const { count } = await (await db()).share.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  return count === 1;
}
