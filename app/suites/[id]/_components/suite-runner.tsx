"use client";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { Play } from "lucide-react";
import { allTargets, type ProviderId } from "@/lib/providers";
import type { ProviderStatus } from "@/lib/providers/status";
import { targetKey } from "@/lib/client/storage";
import { startSuiteRun, type NeedsConfirmation } from "@/lib/actions/start-suite-run";
import type { LineProblem } from "@/lib/suites/import";
import type { SuiteShared } from "@/lib/suites/plan";
import { previewSuiteRun } from "@/lib/suites/preview";
import type { SuitePrompt } from "@/lib/suites/types";
import { TargetPicker, type FamilyPick } from "@/components/compare/target-picker";
import type { FormCatalog } from "@/lib/forms/catalog";
import { AdjustmentList } from "@/components/compare/adjustment-list";
import { LazyConfirmDialog } from "@/components/lazy-confirm-dialog";
import { Button } from "@/components/ui/button";
import { LineProblems } from "../../_components/line-problems";
import { SharedFields } from "./shared-fields";

const usd = (n: number) => `$${n.toFixed(n < 1 ? 3 : 2)}`;

/** Picks targets and shared values, shows the image count, the estimate and every adjustment, then runs the suite. */
export function SuiteRunner(props: {
  suiteId: string;
  prompts: SuitePrompt[];
  statuses: Record<ProviderId, ProviderStatus>;
  catalog: FormCatalog;
  familyPicks: readonly FamilyPick[];
  batchMax: number;
}) {
  const router = useRouter();
  const [selected, setSelected] = useState<string[]>([]);
  const [shared, setShared] = useState<SuiteShared>({ size: "1:1" });
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<LineProblem[]>([]);
  const [confirm, setConfirm] = useState<NeedsConfirmation | null>(null);

  const targets = useMemo(
    () =>
      selected.flatMap((key) => {
        const t = allTargets().find((x) => targetKey(x.provider.id, x.model.id) === key);
        return t ? [{ provider: t.provider.id, model: t.model.id, overrides: {} }] : [];
      }),
    [selected],
  );
  const preview = useMemo(() => previewSuiteRun(props.prompts, shared, targets, props.batchMax), [props.prompts, shared, targets, props.batchMax]);
  const blocked = targets.length === 0 || preview.problems.length > 0 || preview.overLimit !== null;

  const run = async (confirmed: boolean) => {
    setPending(true);
    setError(null);
    const result = await startSuiteRun({ suiteId: props.suiteId, shared, targets, confirmed }).catch(() => null);
    if (result?.ok) return router.push(`/runs/${result.runId}`);
    setPending(false);
    if (result?.code === "needs_confirmation") return setConfirm(result);
    setConfirm(null);
    setProblems(result && "problems" in result ? (result.problems ?? []) : []);
    setError(result?.message ?? "The server could not be reached.");
  };

  return (
    <section aria-labelledby="run-suite" className="grid gap-4 rounded-md border p-4">
      <h2 id="run-suite" className="text-sm font-medium">
        Run this suite
      </h2>
      <div className="grid gap-6 lg:grid-cols-2">
        <TargetPicker catalog={props.catalog} familyPicks={props.familyPicks} selected={selected} onChange={setSelected} statuses={props.statuses} />
        <div className="grid content-start gap-4">
          <SharedFields value={shared} onChange={setShared} />
          <div aria-live="polite" className="grid gap-2 text-sm" data-testid="suite-estimate">
            <p className="font-medium">
              {props.prompts.length} prompts × {targets.length} {targets.length === 1 ? "target" : "targets"} = {preview.images.toLocaleString("en")} images
              {targets.length > 0 && <> · about {usd(preview.usd)}{preview.unknownTargets > 0 && ` + ${preview.unknownTargets} unpriced`}</>}
            </p>
            {preview.targets.map((t) => (
              <div key={t.label} className="grid gap-0.5">
                <p className="text-xs">
                  <span className="font-medium">{t.label}</span>: {t.images} images
                  {t.usdPerPrompt !== null ? `, ${usd(t.usdPerPrompt)} each prompt` : ", price unknown"}{" "}
                  <span className="text-muted-foreground">({t.basis})</span>
                </p>
                <AdjustmentList adjustments={t.adjustments} />
              </div>
            ))}
          </div>
          <LineProblems problems={problems.length ? problems : preview.problems} title="These prompts are too long for a chosen target:" />
          {preview.overLimit && (
            <p role="alert" className="text-destructive text-sm">
              {preview.overLimit}
            </p>
          )}
          {error && (
            <p role="alert" className="text-destructive text-sm">
              {error}
            </p>
          )}
          <div>
            <Button type="button" onClick={() => void run(false)} disabled={pending || blocked}>
              <Play aria-hidden /> {pending ? "Starting…" : `Run ${preview.images.toLocaleString("en")} images`}
            </Button>
          </div>
        </div>
      </div>
      {confirm && (
        <LazyConfirmDialog
          title="Run this batch?"
          description={`${confirm.message} ${confirm.images} images, about ${usd(confirm.usd)}${confirm.unknown ? ` plus ${confirm.unknown} unpriced targets` : ""}.`}
          confirmLabel={`Run ${confirm.images} images`}
          error={error}
          pending={pending}
          onConfirm={() => void run(true)}
          onClose={() => setConfirm(null)}
        />
      )}
    </section>
  );
}
