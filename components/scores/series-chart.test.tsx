import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { TargetScore } from "@/lib/scores/types";
import { SeriesChart } from "./series-chart";

const target = (periods: string[]): TargetScore =>
  ({ label: "Segmind · Stable Diffusion 3.5 Large", series: periods.map((period) => ({ period, finished: 2, succeeded: 1, p50: 2000 })) }) as TargetScore;

const xs = (html: string) => /<polyline points="([^"]*)"/.exec(html)![1]!.split(" ").map((pt) => Number(pt.split(",")[0]));

describe("SeriesChart", () => {
  it("places each period by its date, so days with no results leave their room on the axis", () => {
    const [a, b, c] = xs(renderToStaticMarkup(<SeriesChart targets={[target(["2026-11-01", "2026-11-02", "2026-11-29"])]} metric="success" grain="day" />));
    expect((c! - b!) / (b! - a!), "27 days apart drawn as 1").toBeCloseTo(27, 0);
  });

  it("counts months the same way, across a year's end", () => {
    const [a, b, c] = xs(renderToStaticMarkup(<SeriesChart targets={[target(["2025-11", "2025-12", "2026-03"])]} metric="p50" grain="month" />));
    expect((c! - b!) / (b! - a!)).toBeCloseTo(3, 0);
  });

  it("tables a row per target and a column per day, so many targets stay readable", () => {
    const named = (label: string, periods: string[]) => ({ ...target(periods), label });
    const html = renderToStaticMarkup(
      <SeriesChart targets={[named("Segmind · Stable Diffusion 3.5 Large", ["2026-11-01", "2026-11-03"]), named("fal · Stable Diffusion 3.5 Large", ["2026-11-03"])]} metric="success" grain="day" />,
    );
    const texts = (re: RegExp) => [...html.matchAll(re)].map((m) => m[1]);
    expect(texts(/<thead><tr[^>]*>(?:<th[^>]*>([^<]*)<\/th>)/g)).toEqual(["Target"]);
    expect(texts(/<th class="text-right[^"]*">([^<]*)<\/th>/g)).toEqual(["2026-11-01", "2026-11-03"]);
    expect(texts(/<th scope="row"[^>]*>([^<]*)<\/th>/g)).toEqual(["Segmind · Stable Diffusion 3.5 Large", "fal · Stable Diffusion 3.5 Large"]);
    // fal had no result on the 1st: a dash, not a zero.
    expect(texts(/<td>([^<]*)<\/td>/g)).toEqual(["50%", "50%", "—", "50%"]);
  });
});
