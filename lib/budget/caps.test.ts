import { describe, expect, it } from "vitest";
import { checkBudget, effectiveCaps, formatUsd, roundUsd, type Cap, type Spend } from "./caps";
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

  it("never shows what is left as the estimate it refused: left rounds down, the estimate up", () => {
    // $1.996 left, a $1.9995 grid: to the nearest cent both read "$2.00", and the refusal would make no sense.
    const refusal = checkBudget([cap("total", "day", 5)], spend({ segmind: 3.004 }), [{ provider: "segmind", usd: 1.9995 }]);
    expect(refusal?.message).toBe("Over budget: the daily budget is $5.00 and $1.99 is left; this submission is estimated at $2.00. Nothing was sent.");
    const small = checkBudget([cap("total", "day", 0.05)], spend({ segmind: 0.0355 }), [{ provider: "segmind", usd: 0.0146 }]);
    expect(small?.message).toBe("Over budget: the daily budget is $0.050 and $0.014 is left; this submission is estimated at $0.015. Nothing was sent.");
  });

  it("never lets spend beyond the cap make what is left negative", () => {
    const refusal = checkBudget([cap("total", "day", 1)], spend({ segmind: 1.5 }), [{ provider: "segmind", usd: 0 }]);
    expect(refusal).toBeNull();
    expect(checkBudget([cap("total", "day", 1)], spend({ segmind: 1.5 }), [{ provider: "segmind", usd: 0.01 }])?.leftUsd).toBe(0);
  });
});

describe("roundUsd and formatUsd", () => {
  it("round toward the side that never hides an overrun, ignoring floating-point dust", () => {
    // A $10 cap overrun by a reported cost above its estimate: spend must not read as exactly $10.00.
    expect(roundUsd(10.003, 2, "up")).toBe(10.01);
    expect(roundUsd(1.996, 2, "down")).toBe(1.99);
    // 1 − 0.9 and 0.014 × 3 are dust away from a round figure: they stay on it.
    expect(roundUsd(1 - 0.9, 3, "down")).toBe(0.1);
    expect(roundUsd(0.014 * 3, 3, "up")).toBe(0.042);
    expect(formatUsd(0.00004, "down")).toBe("$0");
    expect(formatUsd(0.0096, "down")).toBe("$0.0096");
    expect(formatUsd(12.5)).toBe("$12.50");
  });
});
