import type { Metadata } from "next";
import { providerStatuses } from "@/lib/providers/status";
import { buildFormCatalog } from "@/lib/forms/build-catalog";
import { describeSchema } from "@/lib/params/describe";
import { sharedDefaults, sharedSchema } from "@/lib/compare/shared";
import { familyPicks } from "@/lib/compare/families";
import { LazyCompareBuilder as CompareBuilder } from "./_components/lazy-compare-builder";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Compare" };

export default function ComparePage() {
  // Descriptors, not schemas: the browser gets plain data and no zod (lib/forms/catalog.ts); the preview of what
  // each target is sent comes from the server (lib/actions/preview-comparison.ts).
  return (
    <CompareBuilder
      catalog={buildFormCatalog()}
      shared={{ fields: describeSchema(sharedSchema), defaults: sharedDefaults }}
      familyPicks={familyPicks}
      statuses={providerStatuses()}
    />
  );
}
