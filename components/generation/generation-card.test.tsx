import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { generation } from "@/lib/metadata/generation.test-helpers";
import { buildResultCatalog } from "@/lib/results/build-result-catalog";
import { ResultCatalogProvider } from "@/components/result-catalog-context";
import { GenerationCard } from "./generation-card";

describe("a result card's cost", () => {
  it("a failure that may have been billed, with no image, shows what the budget counts: every image it asked for", () => {
    const g = generation({
      status: "failed",
      cost: null,
      input: { num_images: 4 },
      error: { code: "timeout", message: "timed out", providerMessage: null, retryAt: null },
    });
    const html = renderToStaticMarkup(
      <ResultCatalogProvider value={buildResultCatalog()}>
        <GenerationCard generation={g} />
      </ResultCatalogProvider>,
    );
    // 4 × $0.065 (Stability's list price for SD3.5 Large), as reserved against the budget; not one image's $0.065.
    expect(/data-testid="cost">([^<]*)</.exec(html)?.[1]).toBe("$0.260 est. — may have been billed");
  });
});
