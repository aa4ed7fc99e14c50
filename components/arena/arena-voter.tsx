"use client";
import { startTransition, useCallback, useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import type { ArenaPairDTO, RevealDTO, VoteOutcome } from "@/lib/arena/types";

/**
 * The blind vote: two images, keys or buttons, then the reveal while the prefetched next pair is already on screen.
 * Knows nothing of providers: the server sends opaque pair ids and image URLs, and names the targets only in the
 * answer to a vote. Plain fetch and no form library, to stay small on the page.
 */

/** A pair; "none" left to deal; "gone": the shared arena was revoked; null while dealing. */
type Deal = { pair: ArenaPairDTO; key: string } | "none" | "gone" | null;
const isPair = (d: Deal): d is { pair: ArenaPairDTO; key: string } => d !== null && typeof d === "object";
type Choice = VoteOutcome | "skip";

const keyToOutcome: Record<string, Choice> = { ArrowLeft: "left", ArrowRight: "right", ArrowUp: "tie", ArrowDown: "bad", " ": "skip" };
const outcomeWords: Record<VoteOutcome, string> = { left: "Left is better", right: "Right is better", tie: "Both good", bad: "Both bad" };

async function fetchDeal(url: string, run: string | null): Promise<Deal> {
  const res = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(run ? { run } : {}) });
  // 204: no pair left; 404: the shared arena is gone. Anything else failed, and says so: not "no pairs left".
  if (res.status === 204) return "none";
  if (res.status === 404) return "gone";
  if (!res.ok) throw new Error(`status ${res.status}`);
  const pair = (await res.json()) as ArenaPairDTO;
  // Warm the browser cache so the pair shows at once when its turn comes.
  for (const src of [pair.leftUrl, pair.rightUrl]) new Image().src = src;
  return { pair, key: crypto.randomUUID() };
}

/** The reveal; "gone" when one of the two images was deleted since the pair was dealt (410: nothing stored). */
async function sendVote(voteUrl: string, pairId: string, outcome: VoteOutcome, key: string): Promise<RevealDTO | "gone"> {
  // Sent before the next pair shows; a retry of this request carries the same key and is stored once.
  const send = () => fetch(voteUrl, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ pairId, outcome, key }) });
  const res = await send().catch(() => send());
  if (res.status === 410) return "gone";
  if (!res.ok) throw new Error(`status ${res.status}`);
  return (await res.json()) as RevealDTO;
}

const button =
  "focus-visible:ring-ring bg-secondary text-secondary-foreground hover:bg-secondary/80 inline-flex h-9 items-center justify-center gap-1.5 rounded-md px-3 text-sm font-medium outline-none focus-visible:ring-2 disabled:opacity-50";

/** `ranked`: the page shows a ranking beside it, drawn again on the server after each vote stored. */
export function ArenaVoter({ nextUrl, voteUrl, run, ranked = false }: { nextUrl: string; voteUrl: string; run: string | null; ranked?: boolean }) {
  const router = useRouter();
  const redraw = useCallback(() => startTransition(() => router.refresh()), [router]);
  const { current, reveal, votes, error, failed, retry, act } = useArenaVotes(nextUrl, voteUrl, run, ranked ? redraw : undefined);
  useVoteKeys(act);

  if (failed) return <DealFailed reveal={reveal} retry={retry} />;
  if (!current) return <PairFrame />;
  if (current === "gone") return <p role="alert" className="text-sm">This shared arena is no longer available: its link was revoked.</p>;
  if (current === "none") return <NoPairsLeft reveal={reveal} />;
  return (
    <section aria-label="Blind pair" className="grid gap-3">
      <PairImages pair={current.pair} />
      <VoteButtons act={act} />
      <div aria-live="polite" className="min-h-10 text-center text-sm">
        {error && <p className="text-destructive">{error}</p>}
        {reveal && <RevealLine reveal={reveal} />}
        {votes > 0 && <p className="text-muted-foreground text-xs" data-testid="arena-session-votes">{votes} {votes === 1 ? "vote" : "votes"} this visit</p>}
      </div>
    </section>
  );
}

/** The pair on screen, the next one prefetched, the last reveal and the votes cast; `act` votes or skips. */
function useArenaVotes(nextUrl: string, voteUrl: string, run: string | null, onStored?: () => void) {
  const [current, setCurrent] = useState<Deal>(null);
  const upcoming = useRef<Promise<Deal> | null>(null);
  const [reveal, setReveal] = useState<RevealDTO | null>(null);
  const [votes, setVotes] = useState(0);
  const [error, setError] = useState<string | null>(null);
  // The next pair could not be dealt (the server did not answer, or failed): said, with a way to try again.
  const [failed, setFailed] = useState(false);
  const busy = useRef(false);

  const prefetch = useCallback(() => {
    upcoming.current = fetchDeal(nextUrl, run).catch(() => null);
  }, [nextUrl, run]);

  const deal = useCallback(
    () =>
      fetchDeal(nextUrl, run)
        .then((d) => {
          setCurrent(d);
          if (isPair(d)) prefetch();
        })
        .catch(() => setFailed(true)),
    [nextUrl, run, prefetch],
  );
  useEffect(() => void deal(), [deal]);

  const retry = useCallback(() => {
    setFailed(false);
    setCurrent(null);
    void deal();
  }, [deal]);

  const advance = useCallback(async () => {
    const next = (await upcoming.current) ?? (await fetchDeal(nextUrl, run).catch(() => null));
    if (!next) return setFailed(true);
    setCurrent(next);
    if (isPair(next)) prefetch();
  }, [nextUrl, run, prefetch]);

  const act = useCallback(
    async (choice: Choice) => {
      if (busy.current || !isPair(current)) return;
      busy.current = true;
      const { pair, key } = current;
      try {
        const answer = choice === "skip" ? null : await sendVote(voteUrl, pair.pairId, choice, key);
        if (answer === "gone") {
          // Trying again cannot help: said, and the next pair dealt.
          setReveal(null);
          setError("One of those images was deleted after it was dealt, so no vote was stored. Here is another pair.");
        } else if (answer) {
          setReveal(answer);
          setVotes((n) => n + 1);
          setError(null);
          onStored?.();
        } else {
          setReveal(null);
        }
        await advance();
      } catch {
        setError("The vote could not be saved; try again.");
      } finally {
        busy.current = false;
      }
    },
    [current, voteUrl, advance, onStored],
  );

  return { current, reveal, votes, error, failed, retry, act };
}

/**
 * Arrow keys and space vote, except while typing, following a link, with a dialog open (the shortcuts list too), or
 * for a key held down (one press, one vote). Space on a focused button presses that button, as everywhere else.
 */
function useVoteKeys(act: (choice: Choice) => Promise<void>) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const choice = keyToOutcome[e.key];
      const target = e.target as HTMLElement | null;
      if (!choice || e.repeat || e.altKey || e.ctrlKey || e.metaKey) return;
      if (target?.closest("input, textarea, select, a") || document.querySelector("dialog[open], [role=dialog]")) return;
      if (e.key === " " && target?.closest("button")) return;
      e.preventDefault();
      void act(choice);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [act]);
}

/**
 * The pair's frame while the first pair is dealt (after the page has loaded): the same prompt line, two squares and
 * buttons, so the pair fills it without pushing the ranking down the page.
 */
function PairFrame() {
  return (
    <section aria-label="Blind pair" aria-busy="true" className="grid gap-3">
      <p className="text-muted-foreground min-h-[2lh] text-sm">Dealing a pair…</p>
      <div className="grid grid-cols-2 gap-2 sm:gap-4">
        <div className="bg-muted/40 aspect-square animate-pulse rounded-lg border" />
        <div className="bg-muted/40 aspect-square animate-pulse rounded-lg border" />
      </div>
      <VoteButtons act={null} />
      <div className="min-h-10" />
    </section>
  );
}

function NoPairsLeft({ reveal }: { reveal: RevealDTO | null }) {
  return (
    <div className="grid gap-2 rounded-lg border border-dashed p-8 text-center">
      <p className="font-medium">No pairs left to vote on</p>
      <p className="text-muted-foreground text-sm">Pairs come from comparisons, suites and grids: run one with two or more targets, then come back.</p>
      {reveal && <RevealLine reveal={reveal} />}
    </div>
  );
}

function DealFailed({ reveal, retry }: { reveal: RevealDTO | null; retry: () => void }) {
  return (
    <div className="grid justify-items-center gap-2 rounded-lg border border-dashed p-8 text-center">
      <p role="alert" className="font-medium">
        The next pair could not be dealt: the server did not answer.
      </p>
      <button type="button" className={button} onClick={retry}>
        Try again
      </button>
      {reveal && <RevealLine reveal={reveal} />}
    </div>
  );
}

function PairImages({ pair }: { pair: ArenaPairDTO }) {
  return (
    <>
      {/* Two lines kept, as in the frame before it: most prompts fit, and the images below do not move. */}
      <p className="min-h-[2lh] text-sm">
        <span className="text-muted-foreground">Prompt: </span>
        <span data-testid="arena-prompt">{pair.prompt}</span>
      </p>
      <div className="grid grid-cols-2 gap-2 sm:gap-4">
        {(["left", "right"] as const).map((side) => (
          <figure key={`${pair.pairId}-${side}`} className="bg-muted/40 grid aspect-square place-items-center overflow-hidden rounded-lg border">
            {/* eslint-disable-next-line @next/next/no-img-element -- opaque per-pair URL, re-encoded on the server */}
            <img src={side === "left" ? pair.leftUrl : pair.rightUrl} alt={`${side === "left" ? "Left" : "Right"} image`} className="size-full object-contain" />
          </figure>
        ))}
      </div>
    </>
  );
}

const voteButtons: [Choice, string, string][] = [
  ["left", "ArrowLeft", "← Left better"],
  ["tie", "ArrowUp", "↑ Both good"],
  ["bad", "ArrowDown", "↓ Both bad"],
  ["right", "ArrowRight", "Right better →"],
  ["skip", "Space", "Skip (space)"],
];

/** `act` null: no pair on screen yet, and the buttons wait for one. */
function VoteButtons({ act }: { act: ((choice: Choice) => Promise<void>) | null }) {
  return (
    // Even columns, not a centred row: a button already painted does not move when the next ones arrive.
    <div role="group" aria-label="Vote" className="grid grid-cols-2 gap-2 sm:grid-cols-5">
      {voteButtons.map(([choice, key, label]) => (
        <button
          key={choice}
          type="button"
          className={choice === "skip" ? `${button} max-sm:col-span-2` : button}
          disabled={!act}
          onClick={() => void act?.(choice)}
          aria-keyshortcuts={key}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

function RevealLine({ reveal }: { reveal: RevealDTO }) {
  return (
    <p data-testid="arena-reveal">
      <span className="text-muted-foreground">Last pair ({outcomeWords[reveal.outcome].toLowerCase()}): </span>
      left was <strong>{reveal.left}</strong>, right was <strong>{reveal.right}</strong>
    </p>
  );
}
