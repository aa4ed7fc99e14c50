import type { Metadata } from "next";
import Link from "next/link";
import { listSuites } from "@/lib/db/suites";
import { starterPrompts } from "@/lib/suites/starter";
import { formatDateTime } from "@/lib/format";
import { Badge } from "@/components/ui/badge";
import { SuiteForm } from "./_components/suite-form";
import { StarterButton } from "./_components/starter-button";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Prompt suites" };

const starterCategories = [...new Set(starterPrompts.map((p) => p.category))].join(", ");

export default async function SuitesPage() {
  const suites = await listSuites();
  return (
    <main id="main" tabIndex={-1} className="mx-auto grid w-full max-w-5xl min-w-0 gap-6 p-4 outline-none lg:p-6">
      <div className="grid gap-1">
        <h1 className="text-lg font-semibold tracking-tight">Prompt suites</h1>
        <p className="text-muted-foreground text-sm">
          A suite is a named list of prompts you run on several models at once, as one batch: a prompts × targets grid.
        </p>
      </div>

      <section aria-labelledby="your-suites" className="grid gap-2">
        <h2 id="your-suites" className="text-sm font-medium">
          Your suites
        </h2>
        {suites.length === 0 ? (
          <p className="text-muted-foreground text-sm">No suites yet: start from ours, or paste your own below.</p>
        ) : (
          <ul className="grid gap-2 sm:grid-cols-2">
            {suites.map((s) => (
              <li key={s.id}>
                <Link
                  href={`/suites/${s.id}`}
                  className="hover:bg-muted/60 focus-visible:ring-ring grid gap-1 rounded-md border p-3 outline-none focus-visible:ring-2"
                >
                  <span className="truncate text-sm font-medium">{s.name}</span>
                  <span className="text-muted-foreground text-xs">
                    {s.count} {s.count === 1 ? "prompt" : "prompts"} · edited {formatDateTime(s.updatedAt)}
                  </span>
                  {s.categories.length > 0 && (
                    <span className="flex flex-wrap gap-1">
                      {s.categories.slice(0, 6).map((c) => (
                        <Badge key={c} variant="secondary">
                          {c}
                        </Badge>
                      ))}
                      {s.categories.length > 6 && <Badge variant="outline">+{s.categories.length - 6}</Badge>}
                    </span>
                  )}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="starter" className="grid gap-2 rounded-md border p-4">
        <h2 id="starter" className="text-sm font-medium">
          Starter suite
        </h2>
        <p className="text-muted-foreground text-sm">
          24 prompts we wrote to tell providers apart: {starterCategories}.
        </p>
        <div>
          <StarterButton />
        </div>
      </section>

      <section aria-labelledby="new-suite" className="grid gap-2 rounded-md border p-4">
        <h2 id="new-suite" className="text-sm font-medium">
          New suite
        </h2>
        <SuiteForm />
      </section>
    </main>
  );
}
