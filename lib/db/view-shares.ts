import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { describeRange, scoreFiltersSchema, scoreQuery, type ScoreFilters } from "@/lib/scores/filters";
import { isShareToken, newShareToken, sharePath } from "@/lib/share/token";
import { db } from "./client";
import { parseJson } from "./mappers";
import type { CreatedShareDTO, ShareListItemDTO, ViewShareKind } from "./share-dto";

/**
 * Shares of a scorecard, a personal leaderboard or an arena: no run behind them, only params that say what to show,
 * rebuilt from the live data on every visit. Same tokens, same revocation, same /shares list as run shares.
 */

const leaderboardParams = z.object({ voter: z.string().min(1).max(64), family: z.string().max(40).optional() }).strict();
const arenaParams = z.object({ runId: z.string().uuid().optional() }).strict();

export type ViewShare =
  | { id: string; kind: "scorecard"; filters: ScoreFilters; createdAt: string }
  | { id: string; kind: "leaderboard"; voter: string; family?: string; createdAt: string }
  | { id: string; kind: "arena"; runId?: string; createdAt: string };

export type ViewShareInput =
  | { kind: "scorecard"; filters: ScoreFilters }
  | { kind: "leaderboard"; voter: string; family?: string }
  | { kind: "arena"; runId?: string };

function paramsOf(input: ViewShareInput): Record<string, unknown> {
  if (input.kind === "scorecard") return Object.fromEntries(new URLSearchParams(scoreQuery(input.filters)));
  if (input.kind === "leaderboard") return { voter: input.voter, ...(input.family ? { family: input.family } : {}) };
  return input.runId ? { runId: input.runId } : {};
}

export async function createViewShare(input: ViewShareInput): Promise<CreatedShareDTO> {
  const row = await (await db()).share.create({
    data: { id: randomUUID(), token: newShareToken(), kind: input.kind, params: JSON.stringify(paramsOf(input)), includePrompt: false },
  });
  return { id: row.id, token: row.token, path: sharePath(row.token), includePrompt: false, createdAt: row.createdAt.toISOString() };
}

/** Stored params read back through the same schemas; a row that no longer parses is treated as gone. */
function toViewShare(row: { id: string; kind: string; params: string; createdAt: Date }): ViewShare | null {
  const raw = parseJson(z.record(z.string(), z.unknown()), row.params, null);
  if (!raw) return null;
  const createdAt = row.createdAt.toISOString();
  if (row.kind === "scorecard") {
    const f = scoreFiltersSchema.safeParse(raw);
    return f.success ? { id: row.id, kind: "scorecard", filters: f.data, createdAt } : null;
  }
  if (row.kind === "leaderboard") {
    const p = leaderboardParams.safeParse(raw);
    return p.success ? { id: row.id, kind: "leaderboard", ...p.data, createdAt } : null;
  }
  if (row.kind === "arena") {
    const p = arenaParams.safeParse(raw);
    return p.success ? { id: row.id, kind: "arena", ...p.data, createdAt } : null;
  }
  return null;
}

/** The active scorecard/leaderboard/arena share behind `token`, or null (malformed, unknown, revoked or a run share). */
export async function getActiveViewShare(token: string): Promise<ViewShare | null> {
  if (!isShareToken(token)) return null;
  const row = await (await db()).share.findFirst({
    where: { token, revokedAt: null, kind: { in: ["scorecard", "leaderboard", "arena"] } },
    select: { id: true, kind: true, params: true, createdAt: true },
  });
  return row ? toViewShare(row) : null;
}

const titles: Record<ViewShareKind, string> = { scorecard: "Scorecard", leaderboard: "Arena leaderboard", arena: "Blind arena" };

/** How /shares lists a share that is not of a run. */
export function viewShareListItem(row: { id: string; token: string; kind: string; params: string; includePrompt: boolean; createdAt: Date }): ShareListItemDTO {
  const view = toViewShare(row);
  const kind = (view?.kind ?? "scorecard") as ViewShareKind;
  let prompt = titles[kind];
  let href = "/scores";
  if (view?.kind === "scorecard") {
    prompt = `Scorecard · ${view.filters.source} · ${describeRange(view.filters)}${view.filters.family ? ` · ${view.filters.family}` : ""}`;
    href = `/scores${scoreQuery(view.filters)}`;
  } else if (view?.kind === "leaderboard") {
    prompt = `Arena leaderboard · my votes${view.family ? ` · ${view.family}` : ""}`;
    href = "/arena";
  } else if (view?.kind === "arena") {
    prompt = view.runId ? "Blind arena · one run" : "Blind arena · all runs";
    href = view.runId ? `/arena?run=${view.runId}` : "/arena";
  }
  return {
    id: row.id,
    token: row.token,
    path: sharePath(row.token),
    kind,
    includePrompt: false,
    createdAt: row.createdAt.toISOString(),
    href,
    runId: null,
    generationId: null,
    runKind: null,
    prompt,
    targetCount: 0,
    thumbUrl: null,
    labels: [],
  };
}
