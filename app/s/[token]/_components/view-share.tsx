import { rankTargets } from "@/lib/arena/ranking";
import { voteGroups } from "@/lib/db/arena";
import { getScorecard } from "@/lib/db/scores";
import type { ViewShare } from "@/lib/db/view-shares";
import { familyLabels, scoreFamilies } from "@/lib/scores/filters";
import { ArenaVoter } from "@/components/arena/arena-voter";
import { Leaderboard } from "@/components/arena/leaderboard";
import { ScorecardView } from "@/components/scores/scorecard-view";

/** What a scorecard, leaderboard or arena share shows, rebuilt from the live data on each visit. Read-only, except
 * that an arena link lets the visitor vote (counted apart from the owner's votes). */

const familyWord = (f: string | undefined) => (f && (scoreFamilies as readonly string[]).includes(f) ? ` · ${familyLabels[f as keyof typeof familyLabels]}` : "");

const subsetWords = (f: { size?: string; steps?: number }) => `${f.size ? ` · ${f.size.replace("x", "×")} only` : ""}${f.steps ? ` · ${f.steps} steps only` : ""}`;

function Frame({ label, title, children }: { label: string; title: string; children: React.ReactNode }) {
  return (
    <main id="main" className="mx-auto grid w-full max-w-[1200px] gap-6 px-4 py-8">
      <header className="grid gap-1">
        <p className="text-muted-foreground flex items-center gap-2 text-xs font-medium tracking-wide uppercase">
          <span aria-hidden className="bg-primary inline-block size-2.5 rounded-sm" />
          {label}
        </p>
        <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
      </header>
      {children}
    </main>
  );
}

export async function ViewShareContent({ share, token }: { share: ViewShare; token: string }) {
  if (share.kind === "scorecard") {
    const card = await getScorecard(share.filters);
    return (
      // Every filter the owner narrowed it by is in the title: the figures are of that subset only.
      <Frame label="Shared scorecard" title={`Scorecard · ${card.source} results · ${card.range}${familyWord(share.filters.family)}${subsetWords(share.filters)}`}>
        <ScorecardView card={card} />
      </Frame>
    );
  }
  if (share.kind === "leaderboard") {
    const ranking = rankTargets(await voteGroups({ kind: "mine", voter: share.voter }), share.family);
    return (
      <Frame label="Shared leaderboard" title={`Blind arena leaderboard${familyWord(share.family)}`}>
        <Leaderboard ranking={ranking} title="Rating with 95% interval (1000 = average; +400 = ten times the odds)" />
      </Frame>
    );
  }
  const ranking = rankTargets(await voteGroups({ kind: "share", shareId: share.id }));
  return (
    <Frame label="Shared blind arena" title="Which image is better?">
      <p className="text-muted-foreground text-sm">Keys: ← left · → right · ↑ both good · ↓ both bad · space skips. The models are named after each vote.</p>
      <ArenaVoter nextUrl={`/s/${token}/arena/next`} voteUrl={`/s/${token}/arena/votes`} run={null} />
      <h2 className="text-base font-semibold">Ranking from votes through this link</h2>
      <Leaderboard ranking={ranking} title="Rating with 95% interval (votes through this link)" />
    </Frame>
  );
}
