import type { Metadata } from "next";
import { gridModelOptions } from "@/lib/grid/options";
import { previewGrid } from "@/lib/actions/preview-grid";
import { env } from "@/lib/env";
import { gridRequest, startingGrid } from "./_components/axis-draft";
import { GridBuilder } from "./_components/grid-builder";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "X/Y/Z grid" };

export default async function GridPage() {
  const models = gridModelOptions();
  // The starting grid checked here, as the form would check it: its size, cost and Run button are there from the first
  // paint (they came a moment after, and "Run grid" then grew "(2 cells)", moving its icon).
  const start = startingGrid(models);
  const checked = await previewGrid(gridRequest(start.model, start.prompt, "", "", start.axes));
  return <GridBuilder models={models} maxCells={env().GRID_MAX_CELLS} initialPreview={checked.ok ? checked : null} />;
}
