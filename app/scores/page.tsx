import type { Metadata } from "next";
import Link from "next/link";
import { shareScorecard } from "@/lib/actions/create-view-share";
import { getScorecard } from "@/lib/db/scores";
import { familyLabels, parseScoreFilters, scoreFamilies, scorePeriods, scoreQuery, type ScoreFilters } from "@/lib/scores/filters";
import { isShareToken, sharePath } from "@/lib/share/token";
import { publicOrigin } from "@/lib/share/origin";
import { ScorecardView } from "@/components/scores/scorecard-view";
import { CreatedLink } from "@/components/share/created-link";
import { ShareForm } from "@/components/share/share-form";
import { filterField, filterForm } from "@/components/ui/filter-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Scores" };

const periodWords: Record<(typeof scorePeriods)[number], string> = { "7d": "Last 7 days", "30d": "Last 30 days", "90d": "Last 90 days", "1y": "Last year", all: "All time" };

function FilterForm({ f }: { f: ScoreFilters }) {
  return (
    <form method="get" action="/scores" aria-label="Filters" className={filterForm}>
      <label className="grid gap-1">
        <span className="text-muted-foreground text-xs">Results</span>
        <select name="source" defaultValue={f.source} className={filterField}>
          <option value="live">Live</option>
          <option value="emulated">Emulated</option>
        </select>
      </label>
      <label className="grid gap-1">
        <span className="text-muted-foreground text-xs">Period</span>
        <select name="period" defaultValue={f.period} className={filterField}>
          {scorePeriods.map((p) => (
            <option key={p} value={p}>
              {periodWords[p]}
            </option>
          ))}
        </select>
      </label>
      <label className="grid gap-1">
        <span className="text-muted-foreground text-xs">Model family</span>
        <select name="family" defaultValue={f.family ?? ""} className={filterField}>
          <option value="">All</option>
          {scoreFamilies.map((fam) => (
            <option key={fam} value={fam}>
              {familyLabels[fam]}
            </option>
          ))}
        </select>
      </label>
      <label className="grid gap-1">
        <span className="text-muted-foreground text-xs">Size</span>
        <input name="size" defaultValue={f.size ?? ""} placeholder="1024x1024" pattern="\d{2,5}x\d{2,5}" className={`${filterField} w-28`} />
      </label>
      <label className="grid gap-1">
        <span className="text-muted-foreground text-xs">Steps</span>
        <input name="steps" defaultValue={f.steps ?? ""} inputMode="numeric" pattern="\d{1,3}" className={`${filterField} w-16`} />
      </label>
      <label className="grid gap-1">
        <span className="text-muted-foreground text-xs">From</span>
        <input type="date" name="from" defaultValue={f.from ?? ""} className={filterField} />
      </label>
      <label className="grid gap-1">
        <span className="text-muted-foreground text-xs">To</span>
        <input type="date" name="to" defaultValue={f.to ?? ""} className={filterField} />
      </label>
      <button type="submit" className="bg-primary text-primary-foreground focus-visible:ring-ring h-9 rounded-md px-4 font-medium outline-none focus-visible:ring-2">
        Apply
      </button>
    </form>
  );
}

export default async function ScoresPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { shared, ...rest } = await searchParams;
  const parsed = parseScoreFilters(rest);
  const filters = parsed.filters;
  const card = await getScorecard(filters);
  const query = scoreQuery(filters);
  const token = typeof shared === "string" && isShareToken(shared) ? shared : null;
  return (
    <main id="main" tabIndex={-1} className="mx-auto grid max-w-[1400px] gap-4 p-4 outline-none lg:p-6">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h1 className="text-lg font-semibold tracking-tight">Scores</h1>
        <p className="text-muted-foreground text-xs">
          Per provider and model · {card.source} results · {card.range} · percentiles to within half a latency bucket
        </p>
      </div>
      {/* Keyed by the filters: its fields are uncontrolled, and a client navigation (the link to the other scorecard
          below) keeps the form mounted, showing the old values. */}
      <FilterForm key={query} f={filters} />
      {!parsed.ok && (
        <p role="alert" className="text-destructive text-sm">
          Some filters could not be read and were left out: {parsed.error}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-2 text-sm">
        {/* A plain link: a file download, not a page for the client router. */}
        <a href={`/api/scores/export${query}`} download className="focus-visible:ring-ring rounded-md border px-3 py-1.5 outline-none focus-visible:ring-2">
          Download CSV
        </a>
        <ShareForm
          action={shareScorecard}
          fields={Object.fromEntries(new URLSearchParams(query))}
          label="Share this scorecard"
          className="focus-visible:ring-ring rounded-md border px-3 py-1.5 outline-none focus-visible:ring-2"
        />
        {card.otherSourceCount > 0 && (
          <Link href={`/scores${scoreQuery({ ...filters, source: filters.source === "live" ? "emulated" : "live" })}`} className="text-muted-foreground underline">
            See the {filters.source === "live" ? "emulated" : "live"} scorecard
          </Link>
        )}
      </div>
      {token && <CreatedLink url={`${await publicOrigin()}${sharePath(token)}`} what="this scorecard" />}
      <ScorecardView card={card} />
    </main>
  );
}
