import { describe, expect, it } from "vitest";
import { AWAITING_DOWNLOAD } from "@/lib/db/dto";
import type { ErrorCode } from "@/lib/providers/types";
import { tableEstimate } from "@/lib/cost/estimate";
import { getModel } from "@/lib/providers";
import { buildResultCatalog } from "./build-result-catalog";
import { costLine, imagesRequestedBy } from "./cost-line";
import { findResultModel } from "./result-catalog";
import { formatUsd, listPrice } from "./pricing";

const list = listPrice("stability", "sd3.5-large")!;
const failed = (code: ErrorCode, extra: Partial<Parameters<typeof costLine>[0]> = {}): Parameters<typeof costLine>[0] => ({
  status: "failed",
  phase: null,
  cost: null,
  images: [],
  notBilled: false,
  error: { code, message: "", providerMessage: null, retryAt: null },
  ...extra,
});

describe("costLine", () => {
  it("a failure that billed nothing says $0, not the list price (cancelled, refused before sending)", () => {
    for (const code of ["canceled", "content_filtered", "quota", "upstream"] as const) {
      expect(costLine(failed(code, { notBilled: true }), list)).toEqual({ text: "$0 — not billed", title: "Nothing was charged for this attempt" });
    }
    expect(costLine(failed("canceled", { notBilled: true }), list)!.text).not.toMatch(/0\.065|est\./);
  });

  it("a failure that may have been billed keeps the estimate and says so; one whose images came back was billed", () => {
    expect(costLine(failed("timeout"), list)).toEqual({ text: "$0.065 est. — may have been billed", title: `Estimate: ${list.source}` });
    expect(costLine(failed("interrupted"), list)!.text).toBe("$0.065 est. — may have been billed");
    expect(costLine(failed("expired"), list)!.text).toBe("$0.065 est. — billed");
    expect(costLine(failed("storage", { phase: AWAITING_DOWNLOAD }), list)!.text).toBe("$0.065 est. — billed");
    expect(costLine(failed("timeout"), undefined)!.text).toBe("cost unknown — may have been billed");
  });

  it("a failure whose reservation came from our cost history shows that figure, the one the budgets count", () => {
    expect(costLine(failed("timeout", { countedUsd: 0.04 }), list)).toEqual({
      text: "$0.040 est. — may have been billed",
      title: "Estimate: as the budgets count it",
    });
    // Reserved from the price table: the card says so, as before.
    expect(costLine(failed("timeout", { countedUsd: 0.065 }), list)).toEqual({ text: "$0.065 est. — may have been billed", title: `Estimate: ${list.source}` });
    expect(costLine(failed("timeout", { countedUsd: 0.04 }), undefined)!.text).toBe("$0.040 est. — may have been billed");
    // The provider's own figure wins.
    expect(costLine(failed("upstream", { countedUsd: 0.012, cost: { amount: 0.012, unit: "usd" } }), list)!.text).toBe("$0.012");
  });

  it("a failure the provider priced shows its figure", () => {
    expect(costLine(failed("upstream", { cost: { amount: 0.012, unit: "usd" } }), list)).toEqual({ text: "$0.012", title: "Reported by the provider" });
  });

  it("a success: reported, else the estimate; nothing while it runs", () => {
    const ok = { status: "succeeded" as const, phase: null, cost: null, images: [], notBilled: false, error: null };
    expect(costLine(ok, list)).toEqual({ text: "$0.065 est.", title: `Estimate: ${list.source}` });
    expect(costLine({ ...ok, cost: { amount: 0.05, unit: "usd" } }, list)!.text).toBe("$0.050");
    expect(costLine({ ...ok, status: "running" }, list)).toBeNull();
    expect(costLine({ ...ok, status: "queued" }, list)).toBeNull();
  });

  it("a failure with no image is priced for every image it asked for, as the budget counts it", () => {
    const model = findResultModel(buildResultCatalog(), "aimlapi", "stable-diffusion-v35-large")!;
    const g = { ...failed("timeout"), input: { num_images: 4 } };
    expect(costLine(g, model.listPrice, imagesRequestedBy(g, model))!.text).toBe("$0.260 est. — may have been billed");
    expect(costLine({ ...g, error: { ...g.error!, code: "expired" } }, model.listPrice, imagesRequestedBy(g, model))!.text).toBe("$0.260 est. — billed");
  });

  it("the card's figure for such a failure is the budget's reservation from the price table, for every priced model", () => {
    const catalog = buildResultCatalog();
    const priced = catalog.models.filter((m) => m.listPrice);
    expect(priced.length).toBeGreaterThan(10);
    for (const model of priced) {
      const count = model.roles.count;
      const input = { ...getModel(model.provider, model.id)!.defaults, ...(count && { [count]: 2 }) };
      const reserved = tableEstimate({ provider: model.provider, model: model.id, input }).usd!;
      const g = { ...failed("timeout"), input };
      expect(costLine(g, model.listPrice, imagesRequestedBy(g, model))!.text, `${model.provider}/${model.id}`).toBe(`${formatUsd(reserved)} est. — may have been billed`);
    }
  });
});
