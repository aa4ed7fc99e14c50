import type { Metadata } from "next";
import { Suspense } from "react";
import { listGenerations } from "@/lib/db/generations";
import { providerStatuses } from "@/lib/providers/status";
import { Playground } from "./_components/playground/playground";
import { QueryProvider } from "@/components/query-provider";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Playground" };

export default async function PlaygroundPage() {
  const recent = await listGenerations({ limit: 16 });
  return (
    <QueryProvider>
      <Suspense>
        <Playground statuses={providerStatuses()} recent={recent.items} />
      </Suspense>
    </QueryProvider>
  );
}
