import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ScorecardDTO } from "@/lib/scores/types";
import { ScorecardView } from "./scorecard-view";

const empty: ScorecardDTO = { source: "live", range: "last 30 days", grain: "day", targets: [], otherSourceCount: 0, narrowed: false };

describe("an empty scorecard", () => {
  it("blames the filters when a family, size or steps filter left nothing, instead of asking for a first run", () => {
    const html = renderToStaticMarkup(<ScorecardView card={{ ...empty, narrowed: true }} />);
    expect(html).not.toContain("Run a comparison");
    expect(html).toMatch(/model family, size or steps/);
  });

  it("asks for a first run when nothing narrows it", () => {
    expect(renderToStaticMarkup(<ScorecardView card={empty} />)).toContain("Run a comparison");
  });
});
