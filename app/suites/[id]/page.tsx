import type { Metadata } from "next";
import { notFound } from "next/navigation";
import Link from "next/link";
import { getSuite } from "@/lib/db/suites";
import { env } from "@/lib/env";
import { providerStatuses } from "@/lib/providers/status";
import { exportPrompts } from "@/lib/suites/import";
import { formatDateTime } from "@/lib/format";
import { SuiteForm } from "../_components/suite-form";
import { SuiteRunner } from "./_components/suite-runner";
import { buildFormCatalog } from "@/lib/forms/build-catalog";
import { familyPicks } from "@/lib/compare/families";
import { DeleteSuiteButton } from "./_components/delete-suite-button";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const suite = await getSuite((await params).id);
  return { title: suite ? `Suite: ${suite.name.slice(0, 50)}` : "Not found" };
}

export default async function SuitePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const suite = await getSuite(id);
  if (!suite) notFound();
  const editable = exportPrompts(suite.prompts);
  return (
    <main id="main" tabIndex={-1} className="mx-auto grid w-full max-w-6xl min-w-0 gap-6 p-4 outline-none lg:p-6">
      <div className="grid gap-1">
        <p className="text-muted-foreground text-xs">
          <Link href="/suites" className="underline-offset-2 hover:underline">
            Suites
          </Link>{" "}
          · edited {formatDateTime(suite.updatedAt)} · revision {suite.revision}
        </p>
        <h1 className="text-lg font-semibold tracking-tight break-words">{suite.name}</h1>
        <p className="text-muted-foreground text-sm">{suite.prompts.length} prompts</p>
      </div>
      <SuiteRunner suiteId={suite.id} revision={suite.revision} prompts={suite.prompts} statuses={providerStatuses()} catalog={buildFormCatalog()} familyPicks={familyPicks} batchMax={env().BATCH_MAX_IMAGES} />
      <details className="group rounded-md border p-4">
        <summary className="cursor-pointer text-sm font-medium">Edit prompts</summary>
        <div className="mt-3 grid gap-4">
          <SuiteForm key={suite.revision} suite={{ id: suite.id, name: suite.name, ...editable }} />
          <DeleteSuiteButton id={suite.id} />
        </div>
      </details>
    </main>
  );
}
