"use client";
import { useMemo, type ReactNode } from "react";
import { LazyConfirmDialog } from "@/components/lazy-confirm-dialog";
import { formatUsd } from "@/lib/results/usd";
import { countOf } from "@/lib/format";
import { FormProvider, useWatch, type FieldValues } from "react-hook-form";
import { Columns3 } from "lucide-react";
import type { ProviderId } from "@/lib/providers";
import type { ProviderStatus } from "@/lib/providers/status";
import type { FieldDescriptor } from "@/lib/params/descriptors";
import { modelKey, type FormCatalog } from "@/lib/forms/catalog";
import { SchemaFields } from "@/components/schema-form/schema-fields";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { CostPreview } from "@/components/cost/cost-preview";
import { SpendBar } from "@/components/cost/spend-bar";
import type { EstimateRequest } from "@/lib/cost/request";
import { useSubmitShortcut } from "@/lib/client/use-submit-shortcut";
import { TargetPicker, type FamilyPick } from "@/components/compare/target-picker";
import { TargetPanel } from "./target-panel";
import { ownOnly, useCompareForm } from "./use-compare-form";
import { usePreview } from "./use-preview";

export function CompareBuilder({
  catalog,
  shared,
  familyPicks,
  statuses,
}: {
  catalog: FormCatalog;
  shared: { fields: FieldDescriptor[]; defaults: FieldValues };
  familyPicks: readonly FamilyPick[];
  statuses: Record<ProviderId, ProviderStatus>;
}) {
  // A first visit starts with every SD3.5 Large target that can run here: none whose key is not set.
  const initial = useMemo(
    () => catalog.models.filter((m) => m.family === "sd3.5-large" && statuses[m.provider as ProviderId]?.mode !== "missing").map(modelKey),
    [catalog, statuses],
  );
  const form = useCompareForm(catalog, shared.fields, shared.defaults, initial);
  const values = useWatch({ control: form.methods.control });
  const previews = usePreview(form.restored, values, form.targets, form.getOverrides, form.overridesVersion);
  useSubmitShortcut(form.run, true);
  const tooFew = form.targets.length < 2;
  const cost = useMemo(() => {
    if (tooFew) return null;
    const targets = form.targets.map((t) => ({ provider: t.provider, model: t.id, overrides: ownOnly(t, form.currentOverrides[modelKey(t)]) }));
    return { comparison: { shared: values, targets } };
  }, [tooFew, values, form.targets, form.currentOverrides]);

  return (
    <div className="mx-auto grid max-w-[1600px] lg:grid-cols-[400px_minmax(0,1fr)]">
      <aside aria-label="Shared values" className="lg:bg-muted/20 border-b lg:sticky lg:top-12 lg:h-[calc(100dvh-3rem)] lg:scroll-pb-36 lg:overflow-y-auto lg:border-r lg:border-b-0">
        <FormProvider {...form.methods}>
          <form
            noValidate
            aria-label="Comparison"
            className="grid gap-4 p-4"
            onSubmit={(e) => {
              e.preventDefault();
              form.run();
            }}
          >
            <h1 className="text-base font-semibold">Compare providers</h1>
            <p className="text-muted-foreground -mt-2 text-xs">
              Written once, sent to every target. Each target below shows how these values map onto its own parameters.
            </p>
            <SchemaFields descriptors={shared.fields} seedLocked={form.seedLocked} onSeedLockedChange={form.onSeedLockedChange} />
            {form.formError && (
              <Alert variant="destructive">
                <AlertTitle>Not started</AlertTitle>
                <AlertDescription>{form.formError}</AlertDescription>
              </Alert>
            )}
            <CompareBar submitting={form.submitting} count={form.targets.length} tooFew={tooFew} cost={cost} />
          </form>
        </FormProvider>
        {form.confirmation && <ConfirmComparison confirmation={form.confirmation} error={form.formError} pending={form.submitting} />}
      </aside>
      <main className="grid min-w-0 content-start gap-6 p-4 lg:p-6" aria-label="Targets">
        <TargetPicker catalog={catalog} familyPicks={familyPicks} selected={form.selected} onChange={form.setSelected} statuses={statuses} />
        <div className="grid gap-3 md:grid-cols-2 2xl:grid-cols-3">
          {form.restored &&
            form.targets.map((t) => {
              const key = modelKey(t);
              return (
                <TargetPanel
                  key={key}
                  provider={catalog.providers.find((p) => p.id === t.provider)!}
                  model={t}
                  preview={previews[key] ?? null}
                  initialOverrides={form.initialOverrides[key] ?? {}}
                  serverErrors={form.targetErrors[key] ?? {}}
                  onOverridesChange={form.setOverrides}
                />
              );
            })}
        </div>
      </main>
    </div>
  );
}

/** The sticky bar under the shared form: Compare, and room for more (children). */
function CompareBar({
  submitting,
  count,
  tooFew,
  cost,
  children,
}: {
  submitting: boolean;
  count: number;
  tooFew: boolean;
  cost: EstimateRequest | null;
  children?: ReactNode;
}) {
  return (
    <SpendBar
      submitting={submitting}
      disabled={tooFew}
      icon={Columns3}
      above={children}
      below={tooFew && <p className="text-muted-foreground mt-2 text-center text-xs">Pick at least two targets.</p>}
      preview={(button) => <CostPreview request={cost}>{button}</CostPreview>}
    >
      Compare {countOf(count, "target")}
    </SpendBar>
  );
}

/** Above the confirmation threshold: the images and dollars, asked once before anything is stored. */
function ConfirmComparison({ confirmation: c, error, pending }: { confirmation: NonNullable<ReturnType<typeof useCompareForm>["confirmation"]>; error: string | null; pending: boolean }) {
  const unpriced = c.asked.unknown ? ` plus ${countOf(c.asked.unknown, "unpriced target")}` : "";
  return (
    <LazyConfirmDialog
      title="Run this comparison?"
      description={`${countOf(c.asked.images, "image")}, about ${formatUsd(c.asked.usd)}${unpriced}. ${c.asked.message}`}
      confirmLabel={`Run ${countOf(c.asked.images, "image")}`}
      error={error}
      pending={pending}
      onConfirm={c.accept}
      onClose={c.close}
    />
  );
}
