"use server";
import { z } from "zod";
import { requeueGeneration } from "@/lib/db/generations";
import { wakeRunner } from "@/lib/jobs/runner";
import type { ActionFailure } from "./validate";

/** Runs one failed target again with the same input, leaving the rest of its run alone. */
export async function retryGeneration(id: unknown): Promise<{ ok: true } | ActionFailure> {
  const parsed = z.string().uuid().safeParse(id);
  if (!parsed.success) return { ok: false, code: "invalid_input", message: "Unknown generation.", fieldErrors: {} };
  if (!(await requeueGeneration(parsed.data))) {
    return { ok: false, code: "not_found", message: "Only a failed generation can be retried.", fieldErrors: {} };
  }
  await wakeRunner();
  return { ok: true };
}
