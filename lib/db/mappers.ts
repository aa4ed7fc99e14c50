import "server-only";
import { z } from "zod";
import type { GenerationDTO, GenerationStatus, ImageDTO, RunDTO } from "./dto";
import type { Prisma } from "./generated/client";
import type { ErrorCode } from "@/lib/providers/types";
import { isDataUrl, mapStrings } from "@/lib/input-images";

/** Rows → client-safe DTOs; a JSON column that does not hold what it should reads as its fallback. */

export const jsonObject = z.record(z.string(), z.unknown());
const stringList = z.array(z.string());

export const generationInclude = { images: { orderBy: { index: "asc" } } } as const satisfies Prisma.GenerationInclude;
type GenerationRow = Prisma.GenerationGetPayload<{ include: typeof generationInclude }>;

export function parseJson<T>(schema: z.ZodType<T>, text: string | null, fallback: T): T {
  if (text == null) return fallback;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

/**
 * A JSON object column, or the fallback when it is missing or holds anything else. What `parseJson(jsonObject, …)`
 * returns, without zod copying every key of every row: JSON's keys are always strings, so the shape is the whole check,
 * and a gallery page maps a hundred of these per request.
 */
function parseJsonRecord<T extends Record<string, unknown> | null>(text: string | null, fallback: T): Record<string, unknown> | T {
  if (text == null) return fallback;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : fallback;
  } catch {
    return fallback;
  }
}

function toImageDTO(row: GenerationRow["images"][number]): ImageDTO {
  return {
    id: row.id,
    index: row.index,
    url: `/api/images/${row.id}`,
    thumbUrl: `/api/images/${row.id}?thumb=1`,
    viewUrl: `/api/images/${row.id}?view=1`,
    mime: row.mime,
    width: row.width,
    height: row.height,
    bytes: row.bytes,
    nsfw: row.nsfw,
  };
}

export function toGenerationDTO(row: GenerationRow): GenerationDTO {
  return {
    id: row.id,
    runId: row.runId,
    position: row.position,
    createdAt: row.createdAt.toISOString(),
    provider: row.provider,
    model: row.model,
    emulated: row.emulated,
    prompt: row.prompt,
    input: parseJsonRecord(row.input, {}),
    sent: parseJsonRecord(row.sent, null),
    seed: row.seed,
    status: row.status as GenerationStatus,
    phase: row.phase,
    attempts: row.attempts,
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    timings: { waitMs: row.waitMs, providerMs: row.providerMs, downloadMs: row.downloadMs },
    cost: row.cost != null && row.costUnit ? { amount: row.cost, unit: row.costUnit } : null,
    providerRequestId: row.providerRequestId,
    warnings: parseJson(stringList, row.warnings, []),
    error: row.errorCode
      ? {
          code: row.errorCode as ErrorCode,
          message: row.errorMessage ?? "",
          providerMessage: row.providerMessage,
          retryAt: row.retryAt?.toISOString() ?? null,
        }
      : null,
    images: row.images.map(toImageDTO),
    cell: row.cellX != null ? { x: row.cellX, y: row.cellY, z: row.cellZ } : null,
    cancelRequested: row.cancelRequestedAt != null,
    notBilled: row.status === "failed" && row.reservedUsd === 0,
    countedUsd: row.status === "failed" ? row.reservedUsd : null,
  };
}

export const runInclude = {
  generations: { orderBy: { position: "asc" }, include: generationInclude },
} as const satisfies Prisma.RunInclude;
type RunRow = Prisma.RunGetPayload<{ include: typeof runInclude }>;

export function toRunDTO(row: RunRow): RunDTO {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    kind: row.kind as RunDTO["kind"],
    prompt: row.prompt,
    favorite: row.favorite,
    shared: parseJsonRecord(row.shared, {}),
    spec: parseJsonRecord(row.spec, null),
    generations: row.generations.map(toGenerationDTO),
  };
}

/**
 * Uploaded input images (data URLs, up to ~13 MB) are left out of list pages; detail and export read them whole.
 * Values that hold none, nearly all of them, come back as they are rather than copied.
 */
function elideDataUrls(values: Record<string, unknown>): Record<string, unknown> {
  return mapStrings(values, (s) => (isDataUrl(s) ? `${s.slice(0, s.indexOf(",") + 1)}… (${s.length} characters)` : s)) as Record<string, unknown>;
}

export function lightGeneration(g: GenerationDTO): GenerationDTO {
  return { ...g, input: elideDataUrls(g.input), sent: g.sent && elideDataUrls(g.sent) };
}

export function lightRun(run: RunDTO): RunDTO {
  return { ...run, generations: run.generations.map(lightGeneration) };
}
