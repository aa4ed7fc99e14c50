"use client";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { Play } from "lucide-react";
import { allTargets, type ProviderId } from "@/lib/providers";
import type { ProviderStatus } from "@/lib/providers/status";
import { targetKey } from "@/lib/client/storage";
import { startSuiteRun, type NeedsConfirmation } from "@/lib/actions/start-suite-run";
import { newSubmissionKey } from "@/lib/client/submission-key";
import type { LineProblem } from "@/lib/suites/import";
import type { SuiteShared, SuiteTarget } from "@/lib/suites/plan";
import { previewSuiteRun, withPrices, type SuitePreview } from "@/lib/suites/preview";
import { useEstimate } from "@/lib/client/use-estimate";
import type { SuitePrompt } from "@/lib/suites/types";
import { TargetPicker, type FamilyPick } from "@/components/compare/target-picker";
import type { FormCatalog } from "@/lib/forms/catalog";
import { AdjustmentList } from "@/components/compare/adjustment-list";
import { LazyConfirmDialog } from "@/components/lazy-confirm-dialog";
import { Button } from "@/components/ui/button";
import { LineProblems } from "../../_components/line-problems";
import { SharedFields } from "./shared-fields";
import { countOf } from "@/lib/format";

const usd = (n: number) => `$${n.toFixed(n < 1 ? 3 : 2)}`;

/** Picks targets and shared values, shows the image count, the estimate and every adjustment, then runs the suite. */
export function SuiteRunner(props: {
  suiteId: string;
  /** The revision whose prompts this page shows: the run is refused if the suite was edited since. */
  revision: number;
  prompts: SuitePrompt[];
  statuses: Record<ProviderId, ProviderStatus>;
  catalog: FormCatalog;
  familyPicks: readonly FamilyPick[];
  batchMax: number;
}) {
  const [selected, setSelected] = useState<string[]>([]);
  const [shared, setShared] = useState<SuiteShared>({ size: "1:1" });
  const targets = useMemo(
    () =>
      selected.flatMap((key) => {
        const t = allTargets().find((x) => targetKey(x.provider.id, x.model.id) === key);
        return t ? [{ provider: t.provider.id, model: t.model.id, overrides: {} }] : [];
      }),
    [selected],
  );
  const local = useMemo(() => previewSuiteRun(props.prompts, shared, targets, props.batchMax), [props.prompts, shared, targets, props.batchMax]);
  // Priced by the server from our own cost history, as the run's confirmation will be: the price table until it first
  // answers, its last answer while it prices a change.
  const priced = useEstimate(local.requests.length > 0 ? { targets: local.requests } : null).estimate;
  const preview = priced ? withPrices(local, priced, props.prompts.length) : local;
  const blocked = targets.length === 0 || preview.problems.length > 0 || preview.overLimit !== null;
  const { pending, error, problems, confirm, run, closeConfirm } = useStartSuiteRun(props.suiteId, props.revision, shared, targets);

  return (
    <section aria-labelledby="run-suite" className="grid gap-4 rounded-md border p-4">
      <h2 id="run-suite" className="text-sm font-medium">
        Run this suite
      </h2>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <TargetPicker catalog={props.catalog} familyPicks={props.familyPicks} selected={selected} onChange={setSelected} statuses={props.statuses} />
        <div className="grid min-w-0 content-start gap-4">
          <SharedFields value={shared} onChange={setShared} />
          <SuiteEstimate promptCount={props.prompts.length} targetCount={targets.length} preview={preview} />
          <LineProblems problems={problems.length ? problems : preview.problems} title="These prompts are too long for a chosen target:" />
          <Problem message={preview.overLimit} />
          <Problem message={error} />
          <div>
            <Button type="button" onClick={() => void run(false)} disabled={pending || blocked}>
              <Play aria-hidden /> {pending ? "Starting…" : `Run ${countOf(preview.images, "image")}`}
            </Button>
          </div>
        </div>
      </div>
      {confirm && (
        <LazyConfirmDialog
          title="Run this batch?"
          description={`${countOf(confirm.images, "image")}, about ${usd(confirm.usd)}${confirm.unknown ? ` plus ${countOf(confirm.unknown, "unpriced target")}` : ""}. ${confirm.message}`}
          confirmLabel={`Run ${countOf(confirm.images, "image")}`}
          error={error}
          pending={pending}
          onConfirm={() => void run(true)}
          onClose={closeConfirm}
        />
      )}
    </section>
  );
}

/** Starts the run; above the batch threshold the server asks for a confirmation first. */
function useStartSuiteRun(suiteId: string, revision: number, shared: SuiteShared, targets: SuiteTarget[]) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<LineProblem[]>([]);
  const [confirm, setConfirm] = useState<NeedsConfirmation | null>(null);

  const run = async (confirmed: boolean) => {
    setPending(true);
    setError(null);
    const result = await startSuiteRun({ suiteId, revision, shared, targets, confirmed }, { idempotencyKey: newSubmissionKey() }).catch(() => null);
    if (result?.ok) return router.push(`/runs/${result.runId}`);
    setPending(false);
    if (result?.code === "needs_confirmation") return setConfirm(result);
    setConfirm(null);
    // Edited elsewhere since: show the prompts as they are now, with the reason beside the button.
    if (result?.code === "stale") router.refresh();
    setProblems(result && "problems" in result ? (result.problems ?? []) : []);
    setError(result?.message ?? "The server could not be reached.");
  };

  return { pending, error, problems, confirm, run, closeConfirm: () => setConfirm(null) };
}

function SuiteEstimate({ promptCount, targetCount, preview }: { promptCount: number; targetCount: number; preview: SuitePreview }) {
  return (
    <div aria-live="polite" className="grid gap-2 text-sm" data-testid="suite-estimate">
      <p className="font-medium">
        {countOf(promptCount, "prompt")} × {countOf(targetCount, "target")} = {countOf(preview.images, "image")}
        {targetCount > 0 && <> · about {usd(preview.usd)}{preview.unknownTargets > 0 && ` + ${preview.unknownTargets} unpriced`}</>}
      </p>
      {preview.targets.map((t) => (
        <div key={t.label} className="grid gap-0.5">
          <p className="text-xs">
            <span className="font-medium">{t.label}</span>: {countOf(t.images, "image")}
            {t.usdPerPrompt !== null ? `, ${usd(t.usdPerPrompt)} each prompt` : ", price unknown"}{" "}
            <span className="text-muted-foreground">({t.basis})</span>
          </p>
          <AdjustmentList adjustments={t.adjustments} />
        </div>
      ))}
    </div>
  );
}

function Problem({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="text-destructive text-sm">
      {message}
    </p>
  );
}
