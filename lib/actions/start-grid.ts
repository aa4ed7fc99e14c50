"use server";
import { randomInt } from "node:crypto";
import { createRun, type CreatedRun } from "@/lib/db/runs";
import { wakeRunner } from "@/lib/jobs/runner";
import { findRole } from "@/lib/params/roles";
import { getModel } from "@/lib/providers";
import { gridRequestSchema, type GridRequest } from "@/lib/grid/spec";
import { planOnServer, previewOf, type GridPreview } from "@/lib/grid/server";
import { gridSpecOf } from "@/lib/grid/stored";
import { fail, validatedAction, type ActionFailure } from "./result";
import type { StartOptions } from "./idempotency";
import { inputImageProblems } from "@/lib/input-image-check";
import { isDataUrl } from "@/lib/input-images";

export type StartGridResult = { ok: true; runId: string } | (ActionFailure & { preview?: GridPreview });

/** Every cell shares one seed unless seed is an axis, so the grid shows what the axes change and nothing else. */
function withSeed(req: GridRequest): GridRequest {
  const model = getModel(req.provider, req.model);
  const seedField = model && findRole(model.schema, "seed");
  if (!seedField || req.base[seedField] !== undefined || req.axes.some((a) => "field" in a && a.field === seedField)) return req;
  return { ...req, base: { ...req.base, [seedField]: randomInt(0, 2 ** 31) } };
}

/**
 * Checks the whole grid again (limit, every cell against its model's schema, the confirmation threshold), then stores
 * it as one run with a generation per cell, all queued, before any provider is called.
 */
/** The first problem with a cell's uploaded input image (unreadable, or outside the provider's pixel limits). */
async function gridImageProblems(cells: { provider: string; model: string; input: Record<string, unknown> }[]): Promise<string | null> {
  // Cells share their base's image: each model reads each distinct image once.
  const seen = new Map<string, Set<unknown>>();
  for (const c of cells) {
    const model = getModel(c.provider, c.model);
    if (!model) continue;
    const id = `${c.provider}/${c.model}`;
    const images = Object.values(c.input).filter(isDataUrl);
    const known = seen.get(id) ?? new Set();
    seen.set(id, known);
    if (images.length === 0 || images.every((v) => known.has(v))) continue;
    for (const v of images) known.add(v);
    const problem = Object.values(await inputImageProblems(model.schema, c.input))[0];
    if (problem) return problem;
  }
  return null;
}

export const startGrid: (raw: unknown, options?: StartOptions) => Promise<StartGridResult> = validatedAction(
  {
    name: "startGrid",
    schema: gridRequestSchema,
    subject: "A grid request",
    invalid: (error) => error.issues[0]?.message ?? "Malformed request.",
    failed: "The grid could not be stored",
    idempotent: true,
  },
  async (raw, { idempotencyKey }) => {
    const req = withSeed(raw);
    const plan = await planOnServer(req);
    const preview = previewOf(plan);
    if (!plan.ready) {
      const first = plan.errors[0] ?? plan.axisErrors.flat()[0] ?? "Some values are not valid.";
      return { ...fail("invalid_input", first), preview };
    }
    const images = await gridImageProblems(plan.ready);
    if (images) return { ...fail("invalid_input", images), preview };
    if (plan.confirmation && !req.confirmed) {
      return { ...fail("invalid_input", `This grid needs confirmation: ${plan.confirmation}.`), preview };
    }
    const answer = ({ runId }: CreatedRun) => ({ ok: true as const, runId });
    const created = await createRun({
      kind: "grid",
      prompt: plan.ready[0]?.prompt ?? "",
      spec: gridSpecOf(req, plan),
      targets: plan.ready.map((c) => ({
        provider: c.provider,
        model: c.model,
        prompt: c.prompt,
        input: c.input,
        cell: { x: c.at[0]!, ...(c.at.length > 1 && { y: c.at[1] }), ...(c.at.length > 2 && { z: c.at[2] }) },
      })),
      idempotency: idempotencyKey === undefined ? undefined : { key: idempotencyKey, answer },
    });
    await wakeRunner();
    return answer(created);
  },
);
