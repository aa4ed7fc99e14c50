import type { Metadata } from "next";
import { budgetOverview } from "@/lib/budget/overview";
import { BudgetForm } from "./_components/budget-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const { timeZone, rows } = await budgetOverview();
  return (
    <main id="main" tabIndex={-1} className="mx-auto grid max-w-5xl gap-4 p-4 outline-none lg:p-6">
      <div className="grid gap-1">
        <h1 className="text-lg font-semibold tracking-tight">Settings</h1>
        <p className="text-muted-foreground text-xs">
          Spend counts what providers reported they charged (the estimate while a run waits or when a provider reports
          nothing), never emulated runs. Days and months begin at midnight in {timeZone}.
        </p>
      </div>
      <section aria-labelledby="budgets" className="grid gap-3">
        <h2 id="budgets" className="text-base font-semibold">
          Spend and budgets
        </h2>
        <p className="text-muted-foreground text-xs">
          A submission whose estimate does not fit what is left is refused before anything is sent. A cap set in the
          environment and one set here both apply: the stricter wins. With a cap set, a target whose cost is unknown
          is refused. Leave a field empty for no cap.
        </p>
        <BudgetForm rows={rows} />
      </section>
    </main>
  );
}
