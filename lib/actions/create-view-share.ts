"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { currentVoter } from "@/lib/arena/handlers";
import { createViewShare } from "@/lib/db/view-shares";
import { familyLabels, scoreFamilies, scoreFiltersSchema, scoreQuery } from "@/lib/scores/filters";
import { rankTargets } from "@/lib/arena/ranking";
import { voteGroups } from "@/lib/db/arena";
import { fail, validatedAction, type ActionFailure } from "./result";

/**
 * Read-only links to a scorecard, a personal arena leaderboard, or the arena itself (visitors vote, counted apart).
 * Posted by forms that work before any script has loaded (components/share/share-form.tsx); each lands back on its
 * page showing the new link, or answers why no link was made, which the form shows under its button.
 */

/** What a share form's action answers: nothing on success (it has gone to the page with the new link), else why not. */
export type ShareFormState = { message: string } | null;

/** What the form shows when the action did not redirect to the new link. */
const stateOf = (result: ActionFailure | void): ShareFormState => (result && !result.ok ? { message: result.message } : null);

/** A form's fields, without the ids Next.js adds for the action itself. */
function fieldsOf(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of formData.entries()) if (!k.startsWith("$ACTION") && typeof v === "string") out[k] = v;
  return out;
}

const shareScorecardAction = validatedAction(
  { name: "shareScorecard", schema: scoreFiltersSchema, invalid: "These filters cannot be shared.", failed: "The link could not be created", subject: "A scorecard" },
  async (filters) => {
    const share = await createViewShare({ kind: "scorecard", filters });
    const query = scoreQuery(filters);
    redirect(`/scores${query}${query ? "&" : "?"}shared=${share.token}`);
  },
);

export async function shareScorecard(_state: ShareFormState, formData: FormData): Promise<ShareFormState> {
  return stateOf(await shareScorecardAction(fieldsOf(formData)));
}

const leaderboardInput = z.object({ family: z.enum([...scoreFamilies, ""]).optional(), scope: z.enum(["mine"]).optional() }).strict();

const shareLeaderboardAction = validatedAction(
  { name: "shareLeaderboard", schema: leaderboardInput, invalid: "This leaderboard cannot be shared.", failed: "The link could not be created", subject: "A leaderboard" },
  async ({ family }) => {
    const voter = await currentVoter();
    // Every visitor has a voter id (the arena sets it on the first pair dealt): a link to no votes would show nothing.
    const votes = voter ? rankTargets(await voteGroups({ kind: "mine", voter }), family || undefined, 0).totalVotes : 0;
    if (!voter || votes === 0) {
      return fail("not_found", family ? `Vote on a ${familyLabels[family]} pair first: your leaderboard has none.` : "Vote on a pair first: your leaderboard is empty.");
    }
    const share = await createViewShare({ kind: "leaderboard", voter, ...(family ? { family } : {}) });
    redirect(`/arena?${family ? `family=${family}&` : ""}made=leaderboard&shared=${share.token}`);
  },
);

export async function shareLeaderboard(_state: ShareFormState, formData: FormData): Promise<ShareFormState> {
  return stateOf(await shareLeaderboardAction(fieldsOf(formData)));
}

const arenaInput = z.object({ run: z.union([z.string().uuid(), z.literal("")]).optional() }).strict();

const shareArenaAction = validatedAction(
  { name: "shareArena", schema: arenaInput, invalid: "This arena cannot be shared.", failed: "The link could not be created", subject: "An arena link" },
  async ({ run }) => {
    const share = await createViewShare({ kind: "arena", ...(run ? { runId: run } : {}) });
    redirect(`/arena?${run ? `run=${run}&` : ""}made=arena&shared=${share.token}`);
  },
);

export async function shareArena(_state: ShareFormState, formData: FormData): Promise<ShareFormState> {
  return stateOf(await shareArenaAction(fieldsOf(formData)));
}
