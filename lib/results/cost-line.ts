import { AWAITING_DOWNLOAD, type GenerationDTO } from "@/lib/db/dto";
import { sizeForInput, type SizeFacts } from "@/lib/params/size-labels";
import { imagesAskedForBy, type RoleFacts } from "./role-facts";
import { formatUsdCost, usdCostAt, type ImagesBilled, type ListPrice } from "./usd";

export interface CostLine {
  text: string;
  /** Where the figure comes from, for a tooltip. */
  title: string;
}

type CostFacts = Pick<GenerationDTO, "status" | "phase" | "cost" | "images" | "notBilled" | "error"> & Partial<Pick<GenerationDTO, "countedUsd">>;

/**
 * What a result says it cost. A success: the provider's figure, else the list price as an estimate. A failure that
 * billed nothing (cancelled or refused before sending, an error the provider does not charge) says $0, never the list
 * price; one that may have been billed (a timeout, an interrupted call) or was (its images came back) keeps the
 * estimate and says which. Null while it runs, or when nothing is known. With no stored image, the estimate is for
 * `requested` (imagesRequestedBy): what the budget kept counting for it.
 */
export function costLine(g: CostFacts, list: ListPrice | undefined, requested: ImagesBilled = 1): CostLine | null {
  if (g.status === "failed" && g.notBilled) return { text: "$0 — not billed", title: "Nothing was charged for this attempt" };
  if (g.status !== "succeeded" && g.status !== "failed") return null;
  const listed = usdCostAt(list, g.cost, g.images.length > 0 ? g.images : requested);
  // A failure's estimate is the one the budgets count: our cost history's, where there was enough when it started.
  const counted = g.status === "failed" && g.countedUsd;
  const usd = counted && (!listed || (listed.estimate && Math.abs(counted - listed.usd) > 1e-9)) ? { usd: counted, native: null, estimate: true, source: "as the budgets count it" } : listed;
  const text = formatUsdCost(usd);
  if (!usd || !text) return g.status === "failed" ? { text: "cost unknown — may have been billed", title: "No price is known for this model" } : null;
  const title = usd.estimate ? `Estimate: ${usd.source}` : "Reported by the provider";
  if (g.status === "succeeded" || !usd.estimate) return { text, title };
  const paid = g.phase === AWAITING_DOWNLOAD || g.error?.code === "expired";
  return { text: `${text} — ${paid ? "billed" : "may have been billed"}`, title };
}

/**
 * The images a request asked for, priced as the budget reserved them (`tableEstimate` in lib/cost/estimate.ts): the
 * count field's number, at the size the input asks for when it can be told (a per-megapixel price needs it).
 */
export function imagesRequestedBy(g: Pick<GenerationDTO, "input">, model: (RoleFacts & SizeFacts) | undefined): ImagesBilled {
  const count = imagesAskedForBy(g, model);
  const size = model ? sizeForInput(model, g.input) : null;
  return size ? [{ ...size, count }] : count;
}
