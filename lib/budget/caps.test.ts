import { describe, expect, it } from "vitest";
import { checkBudget, effectiveCaps, type Cap, type Spend } from "./caps";
import { BudgetExceeded } from "./errors";

const cap = (scope: string, period: Cap["period"], usd: number, source: Cap["source"] = "env"): Cap => ({ scope, period, usd, source });
const spend = (day: Record<string, number>, month: Record<string, number> = day): Spend => ({ day, month });

describe("effectiveCaps", () => {
  it("keeps the stricter of the environment's and the settings page's cap for the same scope and period", () => {
    const caps = effectiveCaps([cap("total", "day", 5), cap("segmind", "month", 2)], [cap("total", "day", 3, "settings"), cap("segmind", "month", 9, "settings")]);
    expect(caps).toEqual(expect.arrayContaining([cap("total", "day", 3, "settings"), cap("segmind", "month", 2)]));
    expect(caps).toHaveLength(2);
  });
});

describe("checkBudget", () => {
  it("passes what fits exactly and refuses a cent more, naming the budget, what is left and the estimate", () => {
    const caps = [cap("total", "day", 1)];
    expect(checkBudget(caps, spend({ segmind: 0.9 }), [{ provider: "segmind", usd: 0.1 }])).toBeNull();
    const refusal = checkBudget(caps, spend({ segmind: 0.9 }), [{ provider: "segmind", usd: 0.11 }]);
    expect(refusal).toBeInstanceOf(BudgetExceeded);
    expect(refusal?.message).toBe("Over budget: the daily budget is $1.00 and $0.100 is left; this submission is estimated at $0.110. Nothing was sent.");
    expect(refusal).toMatchObject({ capUsd: 1, estimateUsd: 0.11 });
    expect(refusal?.leftUsd).toBeCloseTo(0.1);
  });

  it("counts a provider's cap against that provider's spend and targets only, and the total against all", () => {
    const caps = [cap("segmind", "month", 0.5), cap("total", "month", 2)];
    const used = spend({}, { segmind: 0.45, fal: 1.2 });
    expect(checkBudget(caps, used, [{ provider: "fal", usd: 0.3 }])).toBeNull();
    expect(checkBudget(caps, used, [{ provider: "segmind", usd: 0.06 }])?.budget).toBe("Segmind's monthly budget");
    expect(checkBudget(caps, used, [{ provider: "fal", usd: 0.4 }])?.budget).toBe("the monthly budget");
  });

  it("refuses a target whose cost is unknown when a cap covers it, and says so", () => {
    const refusal = checkBudget([cap("total", "day", 10)], spend({}), [{ provider: "segmind", usd: null }]);
    expect(refusal?.message).toMatch(/cost of one target is unknown, and a budget cannot be kept with an unknown cost/);
    expect(checkBudget([cap("fal", "day", 10)], spend({}), [{ provider: "segmind", usd: null }])).toBeNull();
  });

  it("never lets spend beyond the cap make what is left negative", () => {
    const refusal = checkBudget([cap("total", "day", 1)], spend({ segmind: 1.5 }), [{ provider: "segmind", usd: 0 }]);
    expect(refusal).toBeNull();
    expect(checkBudget([cap("total", "day", 1)], spend({ segmind: 1.5 }), [{ provider: "segmind", usd: 0.01 }])?.leftUsd).toBe(0);
  });
});
