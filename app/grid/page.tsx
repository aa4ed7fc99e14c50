import type { Metadata } from "next";
import { gridModelOptions } from "@/lib/grid/options";
import { env } from "@/lib/env";
import { GridBuilder } from "./_components/grid-builder";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "X/Y/Z grid" };

export default function GridPage() {
  return <GridBuilder models={gridModelOptions()} maxCells={env().GRID_MAX_CELLS} />;
}
