import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "./client";
import type { GenerationDTO, Page } from "./dto";
import type { ErrorCode } from "@/lib/providers/types";
import { generationInclude, lightGeneration, toGenerationDTO } from "./mappers";

export async function getGeneration(id: string): Promise<GenerationDTO | null> {
  const row = await (await db()).generation.findUnique({ where: { id }, include: generationInclude });
  return row ? toGenerationDTO(row) : null;
}

/** Newest first; the cursor is the last item's id, resolved through the (createdAt, id) index. */
export async function listGenerations(opts: { cursor?: string | null; limit?: number }): Promise<Page<GenerationDTO>> {
  const client = await db();
  const limit = Math.min(Math.max(opts.limit ?? 40, 1), 100);
  const rows = await client.generation.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(opts.cursor ? { cursor: { id: opts.cursor }, skip: 1 } : {}),
    include: generationInclude,
  });
  const items = rows.slice(0, limit).map((row) => lightGeneration(toGenerationDTO(row)));
  return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}

// ---- runner side ----

/**
 * Atomically claims the oldest queued generation whose provider has spare capacity. The conditional update makes
 * the claim safe when several runner processes share one database.
 */
export async function claimNext(workerId: string, skipProviders: string[]): Promise<GenerationDTO | null> {
  const client = await db();
  for (let attempt = 0; attempt < 5; attempt++) {
    const candidate = await client.generation.findFirst({
      where: { status: "queued", provider: { notIn: skipProviders } },
      orderBy: [{ createdAt: "asc" }, { position: "asc" }],
      select: { id: true, createdAt: true },
    });
    if (!candidate) return null;
    const now = new Date();
    const { count } = await client.generation.updateMany({
      where: { id: candidate.id, status: "queued" },
      data: {
        status: "running",
        claimedBy: workerId,
        claimedAt: now,
        startedAt: now,
        phase: "starting",
        attempts: { increment: 1 },
        waitMs: Math.max(0, now.getTime() - candidate.createdAt.getTime()),
      },
    });
    if (count === 1) return getGeneration(candidate.id);
  }
  return null;
}

export async function updateRunning(
  id: string,
  data: { sent?: Record<string, unknown>; phase?: string; providerRequestId?: string; emulated?: boolean },
) {
  await (await db()).generation.updateMany({
    where: { id, status: "running" },
    data: {
      ...(data.sent ? { sent: JSON.stringify(data.sent) } : {}),
      ...(data.emulated !== undefined ? { emulated: data.emulated } : {}),
      ...(data.phase ? { phase: data.phase } : {}),
      ...(data.providerRequestId ? { providerRequestId: data.providerRequestId } : {}),
    },
  });
}

export interface StoredImage {
  sha256: string;
  file: string;
  thumbFile: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  nsfw?: boolean;
}

export async function completeGeneration(
  id: string,
  data: {
    seed: string | null;
    providerMs: number;
    downloadMs: number;
    cost?: { amount: number; unit: string };
    providerRequestId?: string;
    warnings: string[];
    images: StoredImage[];
  },
) {
  const client = await db();
  await client.$transaction([
    client.image.deleteMany({ where: { generationId: id } }),
    client.image.createMany({
      data: data.images.map((img, index) => ({
        id: randomUUID(),
        generationId: id,
        index,
        sha256: img.sha256,
        file: img.file,
        thumbFile: img.thumbFile,
        mime: img.mime,
        width: img.width,
        height: img.height,
        bytes: img.bytes,
        nsfw: img.nsfw ?? null,
      })),
    }),
    client.generation.update({
      where: { id },
      data: {
        status: "succeeded",
        phase: null,
        seed: data.seed,
        providerMs: data.providerMs,
        downloadMs: data.downloadMs,
        cost: data.cost?.amount ?? null,
        costUnit: data.cost?.unit ?? null,
        ...(data.providerRequestId ? { providerRequestId: data.providerRequestId } : {}),
        warnings: JSON.stringify(data.warnings),
        finishedAt: new Date(),
        errorCode: null,
        errorMessage: null,
        providerMessage: null,
        retryAt: null,
      },
    }),
  ]);
}

export async function failGeneration(
  id: string,
  data: {
    code: ErrorCode;
    message: string;
    providerMessage?: string;
    retryAt?: Date;
    providerMs?: number;
    seed?: string | null;
    warnings?: string[];
  },
) {
  await (await db()).generation.update({
    where: { id },
    data: {
      status: "failed",
      phase: null,
      errorCode: data.code,
      errorMessage: data.message,
      providerMessage: data.providerMessage ?? null,
      retryAt: data.retryAt ?? null,
      providerMs: data.providerMs ?? null,
      ...(data.seed !== undefined ? { seed: data.seed } : {}),
      ...(data.warnings ? { warnings: JSON.stringify(data.warnings) } : {}),
      finishedAt: new Date(),
    },
  });
}

/** Puts a failed generation back in the queue with the same input (a retry of that target alone). */
export async function requeueGeneration(id: string): Promise<boolean> {
  const { count } = await (await db()).generation.updateMany({
    where: { id, status: "failed" },
    data: {
      status: "queued",
      createdAt: new Date(),
      errorCode: null,
      errorMessage: null,
      providerMessage: null,
      retryAt: null,
      phase: null,
      sent: null,
      seed: null,
      // The previous attempt's provider job id and notes must not be shown as this attempt's.
      providerRequestId: null,
      warnings: "[]",
      startedAt: null,
      finishedAt: null,
      waitMs: null,
      providerMs: null,
      downloadMs: null,
      claimedBy: null,
      claimedAt: null,
    },
  });
  return count === 1;
}

/**
 * After a restart, work claimed by a process that is gone: never sent → back to the queue; submitted to a provider
 * that can be followed up (`resumable`, with its job id known) → back to the queue to be collected, not re-sent;
 * anything else → failed, because sending it again could bill the person twice.
 */
export async function recoverInterrupted(liveWorkers: string[], resumable: string[]) {
  const client = await db();
  const stale = { status: "running", claimedBy: { notIn: liveWorkers } } as const;
  await client.generation.updateMany({
    where: { ...stale, sent: null },
    data: { status: "queued", claimedBy: null, claimedAt: null, phase: null },
  });
  await client.generation.updateMany({
    where: { ...stale, provider: { in: resumable }, providerRequestId: { not: null } },
    data: { status: "queued", claimedBy: null, claimedAt: null, phase: "resuming" },
  });
  await client.generation.updateMany({
    where: stale,
    data: {
      status: "failed",
      phase: null,
      errorCode: "internal",
      errorMessage: "The server restarted while this generation was running; retry it to run it again.",
      finishedAt: new Date(),
    },
  });
}

/** Workers that hold running generations (to tell which of them are still alive). */
export async function runningClaimers(): Promise<string[]> {
  const rows = await (await db()).generation.findMany({
    where: { status: "running" },
    distinct: ["claimedBy"],
    select: { claimedBy: true },
  });
  return rows.map((r) => r.claimedBy).filter((w): w is string => Boolean(w));
}

/**
 * This worker's running generations that it is not actually running (its claim succeeded but the work never started,
 * or recording the end failed): fail them, so nothing shows "running" forever.
 */
export async function failOrphans(workerId: string, activeIds: string[], olderThan: Date) {
  await (await db()).generation.updateMany({
    where: { status: "running", claimedBy: workerId, id: { notIn: activeIds }, claimedAt: { lt: olderThan } },
    data: {
      status: "failed",
      phase: null,
      errorCode: "internal",
      errorMessage: "The playground lost track of this generation; retry it to run it again.",
      finishedAt: new Date(),
    },
  });
}

export async function imageFile(id: string) {
  return (await db()).image.findUnique({
    where: { id },
    select: { file: true, thumbFile: true, mime: true, sha256: true },
  });
}
