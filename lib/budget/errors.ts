/** A submission refused because its estimate does not fit what is left of a budget. Nothing was stored or sent. */
export class BudgetExceeded extends Error {
  readonly code = "budget_exceeded";
  constructor(
    message: string,
    /** Which budget, in words ("the monthly budget", "Segmind's daily budget"). */
    readonly budget: string,
    readonly capUsd: number,
    readonly leftUsd: number,
    /** The part of the estimate that counts against this budget (known figures only). */
    readonly estimateUsd: number,
  ) {
    super(message);
    this.name = "BudgetExceeded";
  }
}
