"use client";
import { useActionState } from "react";
import { updateBudgets } from "@/lib/actions/update-budgets";
import { budgetFieldName, roundUsd, type Period } from "@/lib/budget/caps";
import type { BudgetRow } from "@/lib/budget/overview";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

/** `values`: what was typed, when the save was refused: a form action resets its fields, and they come back as typed. */
type State = { ok: boolean; message: string; fieldErrors: Record<string, string>; values?: Record<string, string> } | null;

/** Spend is rounded up and what is left down (`direction`), so a cap that was overrun never reads as just reached. */
const usd = (n: number, direction?: "up" | "down") => {
  const decimals = n < 1 && n > 0 ? 3 : 2;
  return `$${(direction ? roundUsd(n, decimals, direction) : n).toFixed(decimals)}`;
};

async function save(_prev: State, form: FormData): Promise<State> {
  const typed = Object.fromEntries(form.entries());
  const result = await updateBudgets(typed);
  if (result.ok) return { ok: true, message: `Saved (${result.saved} ${result.saved === 1 ? "cap" : "caps"} set here).`, fieldErrors: {} };
  const values = Object.fromEntries(Object.entries(typed).filter((e): e is [string, string] => typeof e[1] === "string"));
  return { ok: false, message: result.message, fieldErrors: result.fieldErrors, values };
}

function CapField({ row, period, error, typed }: { row: BudgetRow; period: Period; error?: string; typed?: string }) {
  const name = budgetFieldName(row.scope, period);
  const cap = row.caps[period];
  const left = cap.applies === null ? null : Math.max(0, cap.applies - row.spent[period]);
  return (
    <td className="px-2 py-1.5 align-top">
      <PhoneHeading>{period === "day" ? "Daily cap" : "Monthly cap"}</PhoneHeading>
      <Input
        name={name}
        inputMode="decimal"
        defaultValue={typed ?? cap.settings ?? ""}
        aria-label={`${row.label} ${period === "day" ? "daily" : "monthly"} cap in USD`}
        aria-invalid={error ? true : undefined}
        className="w-24 max-sm:w-full"
      />
      <p className="text-muted-foreground mt-0.5 text-[11px]">
        {cap.env !== null && <>env {usd(cap.env)} · </>}
        {left !== null ? `${usd(left, "down")} left` : "no cap"}
      </p>
      {error && <p className="text-destructive text-[11px]">{error}</p>}
    </td>
  );
}

/** On a phone each scope is a card, its cells in two columns: the column's name above each value (the table's header is read, not shown). */
function PhoneHeading({ children }: { children: string }) {
  return (
    <span aria-hidden="true" className="text-muted-foreground block text-[11px] sm:hidden">
      {children}
    </span>
  );
}

/** Spend today and this month beside each cap, and the caps stored in the database, editable. */
export function BudgetForm({ rows }: { rows: BudgetRow[] }) {
  const [state, action, pending] = useActionState(save, null);
  return (
    <form action={action} className="grid gap-3">
      <div className="overflow-x-auto rounded-md border">
        {/* Fixed layout: the columns take their widths from the header, not from rows a loading page has not read yet. */}
        <table className="w-full text-sm max-sm:block sm:table-fixed">
          <caption className="sr-only">Spend and caps in USD, in total and per provider</caption>
          <thead className="bg-muted/40 text-left text-xs max-sm:sr-only">
            <tr>
              <th scope="col" className="px-2 py-1.5 font-medium">Scope</th>
              <th scope="col" className="px-2 py-1.5 font-medium">Today</th>
              <th scope="col" className="px-2 py-1.5 font-medium">This month</th>
              <th scope="col" className="px-2 py-1.5 font-medium">Daily cap</th>
              <th scope="col" className="px-2 py-1.5 font-medium">Monthly cap</th>
            </tr>
          </thead>
          <tbody className="max-sm:block">
            {rows.map((row) => (
              <tr key={row.scope} className="border-t max-sm:grid max-sm:grid-cols-2 max-sm:py-1 max-sm:first:border-t-0" data-scope={row.scope}>
                <th scope="row" className="px-2 py-1.5 text-left font-medium whitespace-nowrap max-sm:col-span-2 max-sm:pb-0">{row.label}</th>
                <td className="px-2 py-1.5 tabular-nums">
                  <PhoneHeading>Today</PhoneHeading>
                  {usd(row.spent.day, "up")}
                </td>
                <td className="px-2 py-1.5 tabular-nums">
                  <PhoneHeading>This month</PhoneHeading>
                  {usd(row.spent.month, "up")}
                </td>
                {(["day", "month"] as const).map((period) => (
                  <CapField
                    key={period}
                    row={row}
                    period={period}
                    error={state?.fieldErrors[budgetFieldName(row.scope, period)]}
                    typed={state?.values?.[budgetFieldName(row.scope, period)]}
                  />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" aria-busy={pending || undefined}>
          Save budgets
        </Button>
        {state && (
          <Alert variant={state.ok ? "default" : "destructive"} role="status" className="w-auto py-2">
            <AlertDescription>{state.message}</AlertDescription>
          </Alert>
        )}
      </div>
    </form>
  );
}
