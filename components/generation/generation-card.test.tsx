import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { generation } from "@/lib/metadata/generation.test-helpers";
import { buildResultCatalog } from "@/lib/results/build-result-catalog";
import { ResultCatalogProvider } from "@/components/result-catalog-context";
import { GenerationCard } from "./generation-card";
import { FailedOverlay } from "./failed-overlay";

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

describe("a failed card's retry", () => {
  const render = (g: ReturnType<typeof generation>) =>
    renderToStaticMarkup(<FailedOverlay g={g} provider={undefined} providerLabel="AI/ML API" onRetry={() => {}} />);
  const notConfigured = { code: "not_configured" as const, message: "AI/ML API is not configured: set AIMLAPI_API_KEY on the server.", providerMessage: null, retryAt: null };

  it("a job the provider accepted before its key was gone is collected by its id: no new charge, no retry cost", () => {
    const html = render(generation({ status: "failed", providerRequestId: "job-1", error: notConfigured }));
    expect(html).toContain("Collect from AI/ML API (no new charge)");
    expect(html).not.toContain("Retry cost");
  });

  it("a job the provider accepted whose status checks kept failing is collected by its id: no new charge, no retry cost", () => {
    const lostSight = { code: "upstream" as const, message: "AI/ML API had a server error (HTTP 502). AI/ML API had already accepted this job, so it may have been billed; Retry collects it by its id, without a new charge.", providerMessage: null, retryAt: null };
    const html = render(generation({ status: "failed", providerRequestId: "job-1", phase: "awaiting-collection", error: lostSight }));
    expect(html).toContain("Collect from AI/ML API (no new charge)");
    expect(html).not.toContain("Retry cost");
  });

  it("one the provider no longer has, or reported failed, is sent again, and says what that costs", () => {
    const gone = { code: "rejected" as const, message: "AI/ML API no longer has this job (HTTP 404): it is no longer available at AI/ML API, so it cannot be collected.", providerMessage: null, retryAt: null };
    const failed = { code: "upstream" as const, message: "AI/ML API reports the generation failed.", providerMessage: null, retryAt: null };
    for (const error of [gone, failed]) {
      const html = render(generation({ status: "failed", providerRequestId: "job-1", phase: null, error }));
      expect(html).toContain("Retry AI/ML API");
      expect(html).not.toContain("Collect from");
      expect(html).toContain("Retry cost");
    }
  });

  it("one never sent is sent again, and says what that costs", () => {
    const html = render(generation({ status: "failed", providerRequestId: null, error: notConfigured }));
    expect(html).toContain("Retry AI/ML API");
    expect(html).toContain("Retry cost");
  });
});
