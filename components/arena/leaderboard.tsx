import type { RankingDTO } from "@/lib/arena/types";
import { ChartFigure, RowLabel, rowLayout, ticks } from "@/components/charts/svg-chart";

type Ranked = RankingDTO["ranked"];

/** The ranking: rating with its 95% interval as a dot and whisker per target, and the same in a table. */
export function Leaderboard({ ranking, title }: { ranking: RankingDTO; title: string }) {
  if (ranking.ranked.length === 0) return <NotEnoughVotes ranking={ranking} />;
  const layout = rankingLayout(ranking.ranked, false);
  const phone = rankingLayout(ranking.ranked, true);
  const description = ranking.ranked.map((r, i) => `${i + 1}. ${r.label}: ${r.rating} (95% interval ${r.low} to ${r.high}), ${r.votes} votes.`).join(" ");
  return (
    <section aria-label="Ranking" className="grid gap-2">
      <ChartFigure
        title={title}
        description={description}
        width={layout.W}
        height={layout.H}
        phone={{ width: phone.W, height: phone.H, children: <RankingDrawing ranked={ranking.ranked} layout={phone} /> }}
        table={<RankingTable ranked={ranking.ranked} />}
      >
        <RankingDrawing ranked={ranking.ranked} layout={layout} />
      </ChartFigure>
      {ranking.waiting.length > 0 && (
        <p className="text-muted-foreground text-xs">
          Not ranked yet (fewer than {ranking.minVotes} votes against ranked targets): {ranking.waiting.map((w) => `${w.label} (${w.votes})`).join(", ")}.
        </p>
      )}
    </section>
  );
}

type Layout = ReturnType<typeof rankingLayout>;

/** One row per target (names beside or, on a phone, above), the rating axis padded by 20 points either side of the widest interval. */
function rankingLayout(ranked: Ranked, phone: boolean) {
  const rows = rowLayout(phone, ranked.length, 28);
  const lo = Math.min(...ranked.map((r) => r.low)) - 20;
  const hi = Math.max(...ranked.map((r) => r.high)) + 20;
  const x = (v: number) => rows.left + ((v - lo) / (hi - lo)) * (rows.W - rows.left - 20);
  return { ...rows, lo, span: hi - lo, x };
}

function RankingDrawing({ ranked, layout }: { ranked: Ranked; layout: Layout }) {
  return (
    <>
      <RatingAxis layout={layout} />
      <RatingWhiskers ranked={ranked} layout={layout} />
    </>
  );
}

function NotEnoughVotes({ ranking }: { ranking: RankingDTO }) {
  return (
    <section aria-label="Ranking" className="grid gap-2 rounded-lg border border-dashed p-6 text-sm">
      <h2 className="font-medium">Not enough votes yet</h2>
      <p className="text-muted-foreground">
        A target is ranked once it has {ranking.minVotes} votes against other ranked targets, and a ranking needs two such
        targets ({ranking.totalVotes}{" "}
        {ranking.totalVotes === 1 ? "vote" : "votes"} so far).
      </p>
      {ranking.waiting.length > 0 && (
        <ul className="text-muted-foreground text-xs">
          {ranking.waiting.map((w) => (
            <li key={w.label}>
              {w.label}: {w.votes} {w.votes === 1 ? "vote" : "votes"}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RankingTable({ ranked }: { ranked: Ranked }) {
  return (
    <table className="w-full border-collapse text-left">
      <thead>
        <tr className="border-b">
          <th className="py-1 pr-2 font-medium">#</th>
          <th className="py-1 pr-2 font-medium">Target</th>
          <th className="py-1 pr-2 text-right font-medium">Rating</th>
          <th className="py-1 pr-2 text-right font-medium">95% interval</th>
          <th className="py-1 pr-2 text-right font-medium">Votes</th>
        </tr>
      </thead>
      <tbody>
        {ranked.map((r, i) => (
          <tr key={r.label} className="border-b last:border-0">
            <td className="py-1 pr-2 tabular-nums">{i + 1}</td>
            <th scope="row" className="py-1 pr-2 font-normal">
              {r.label}
            </th>
            <td className="py-1 pr-2 text-right tabular-nums">{r.rating}</td>
            <td className="py-1 pr-2 text-right tabular-nums">
              {r.low}–{r.high}
            </td>
            <td className="py-1 pr-2 text-right tabular-nums">{r.votes}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RatingAxis({ layout: { lo, span, H, x } }: { layout: Layout }) {
  return ticks(span, 4).map((d) => {
    const v = Math.round(lo + d);
    return (
      <text key={d} x={x(v)} y={H - 8} fontSize="11" textAnchor="middle" fill="currentColor">
        {v}
      </text>
    );
  });
}

function RatingWhiskers({ ranked, layout }: { ranked: Ranked; layout: Layout }) {
  const { x } = layout;
  return ranked.map((r, i) => {
    const cy = layout.cy(i);
    return (
      <g key={r.label}>
        <RowLabel label={r.label} layout={layout} cy={cy} />
        <line x1={x(r.low)} x2={x(r.high)} y1={cy} y2={cy} stroke="#2563eb" strokeWidth="2" />
        <line x1={x(r.low)} x2={x(r.low)} y1={cy - 5} y2={cy + 5} stroke="#2563eb" strokeWidth="2" />
        <line x1={x(r.high)} x2={x(r.high)} y1={cy - 5} y2={cy + 5} stroke="#2563eb" strokeWidth="2" />
        <circle cx={x(r.rating)} cy={cy} r="4.5" fill="#2563eb" />
      </g>
    );
  });
}
