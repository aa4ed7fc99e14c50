import type { Metadata } from "next";
import Link from "next/link";
import { currentVoter } from "@/lib/arena/handlers";
import { parseArenaQuery, type ArenaQuery } from "@/lib/arena/query";
import { rankTargets } from "@/lib/arena/ranking";
import { shareArena, shareLeaderboard } from "@/lib/actions/create-view-share";
import { voteGroups, type VoteScope } from "@/lib/db/arena";
import { familyLabels, scoreFamilies } from "@/lib/scores/filters";
import { publicOrigin } from "@/lib/share/origin";
import { sharePath } from "@/lib/share/token";
import { ArenaVoter } from "@/components/arena/arena-voter";
import { Leaderboard } from "@/components/arena/leaderboard";
import { CreatedLink } from "@/components/share/created-link";
import { ShareForm } from "@/components/share/share-form";
import { filterField, filterForm } from "@/components/ui/filter-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Arena" };

const scopeWords = { mine: "My votes", shared: "Votes through shared links", all: "All votes" } as const;
const outline = "focus-visible:ring-ring rounded-md border px-3 py-1.5 text-sm outline-none focus-visible:ring-2";

function RankingForm({ q }: { q: ArenaQuery }) {
  return (
    <form method="get" action="/arena" aria-label="Ranking filters" className={filterForm}>
      {q.run && <input type="hidden" name="run" value={q.run} />}
      <label className="grid gap-1">
        <span className="text-muted-foreground text-xs">Votes</span>
        <select name="scope" defaultValue={q.scope} className={filterField}>
          {(["mine", "shared", "all"] as const).map((s) => (
            <option key={s} value={s}>
              {scopeWords[s]}
            </option>
          ))}
        </select>
      </label>
      <label className="grid gap-1">
        <span className="text-muted-foreground text-xs">Model family</span>
        <select name="family" defaultValue={q.family ?? ""} className={filterField}>
          <option value="">All together</option>
          {scoreFamilies.map((f) => (
            <option key={f} value={f}>
              {familyLabels[f]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className={outline}>
        Show ranking
      </button>
    </form>
  );
}

export default async function ArenaPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const parsed = parseArenaQuery(await searchParams);
  const q = parsed.query;
  const voter = await currentVoter();
  const scope: VoteScope = q.scope === "mine" ? { kind: "mine", voter: voter ?? "none" } : { kind: q.scope };
  const ranking = rankTargets(await voteGroups(scope), q.family);
  const origin = q.shared ? await publicOrigin() : "";
  return (
    <main id="main" tabIndex={-1} className="mx-auto grid max-w-[1200px] gap-5 p-4 outline-none lg:p-6">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h1 className="text-lg font-semibold tracking-tight">Arena</h1>
        <p className="text-muted-foreground text-xs">
          Blind pairs from runs that share a prompt · ← left · → right · ↑ both good · ↓ both bad · space skips
        </p>
      </div>
      {!parsed.ok && (
        <p role="alert" className="text-destructive text-sm">
          Some of the address could not be read and was left out: {parsed.error}
        </p>
      )}
      {q.run && (
        <p className="text-sm">
          Pairs from one run only. <Link href="/arena" className="underline">Use every run</Link>
        </p>
      )}
      <ArenaVoter nextUrl="/api/arena/next" voteUrl="/api/arena/votes" run={q.run ?? null} ranked />
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-base font-semibold">
          Ranking · {scopeWords[q.scope].toLowerCase()}
          {q.family ? ` · ${familyLabels[q.family]}` : ""}
        </h2>
        <p className="text-muted-foreground text-xs">
          Bradley-Terry, ties count half a win · 95% bootstrap intervals (200 resamples) · {ranking.totalVotes} votes
        </p>
      </div>
      <RankingForm q={q} />
      <Leaderboard ranking={ranking} title="Rating with 95% interval (1000 = average; +400 = ten times the odds)" />
      <div className="flex flex-wrap gap-2">
        <ShareForm action={shareLeaderboard} fields={{ family: q.family || undefined }} label="Share my leaderboard" className={outline} />
        <ShareForm
          action={shareArena}
          fields={{ run: q.run || undefined }}
          label="Share this arena (visitors vote)"
          // A run's own share may hide its prompt; the arena shows every pair's prompt, so say so before the link exists.
          note={`Visitors see each pair's prompt and images, from ${q.run ? "this run" : "every run"}, even where a share hides the prompt.`}
          className={outline}
        />
      </div>
      {q.shared && <CreatedLink url={`${origin}${sharePath(q.shared)}`} what={q.made === "leaderboard" ? "your leaderboard" : q.run ? "this run's arena" : "the arena"} />}
    </main>
  );
}
