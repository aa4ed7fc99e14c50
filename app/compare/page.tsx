import type { Metadata } from "next";
import { providerStatuses } from "@/lib/providers/status";
import { CompareBuilder } from "./_components/compare-builder";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Compare" };

export default function ComparePage() {
  return <CompareBuilder statuses={providerStatuses()} />;
}
