"use server";
import { gridRequestSchema } from "@/lib/grid/spec";
import { planOnServer, previewOf, type GridPreview } from "@/lib/grid/server";
import { validatedAction, type ActionFailure } from "./result";

/**
 * The grid's shape, image count, estimate and every invalid value on its axis, before anything is sent or stored.
 * The form calls it (debounced) as the person edits the axes.
 */
export const previewGrid: (raw: unknown) => Promise<GridPreview | ActionFailure> = validatedAction(
  {
    name: "previewGrid",
    schema: gridRequestSchema,
    subject: "A grid request",
    invalid: (error) => error.issues[0]?.message ?? "Malformed request.",
    failed: "The grid could not be checked",
  },
  async (req) => previewOf(await planOnServer(req)),
);
