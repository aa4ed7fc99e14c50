"use client";
import { Grid3x3, Loader2, Plus } from "lucide-react";
import type { GridModelOption } from "@/lib/grid/options";
import type { GridPreview } from "@/lib/grid/server";
import { LazyConfirmDialog } from "@/components/lazy-confirm-dialog";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { AxisDraft } from "./axis-draft";
import { AxisEditor } from "./axis-editor";
import { GridBaseFields } from "./grid-base-fields";
import { GridSummary } from "./grid-summary";
import { useGridDraft, type AxisActions } from "./use-grid-draft";
import { useGridPreview } from "./use-grid-preview";
import { useGridStart } from "./use-grid-start";

const AXIS_NAMES = ["X", "Y", "Z"] as const;

export function GridBuilder({ models, maxCells, initialPreview }: { models: GridModelOption[]; maxCells: number; initialPreview: GridPreview | null }) {
  const draft = useGridDraft(models);
  const { preview, setPreview, requestErrors, axisErrors, blocked } = useGridPreview(draft.request, initialPreview);
  const start = useGridStart(draft.request, setPreview);

  return (
    <main id="main" tabIndex={-1} className="mx-auto grid w-full max-w-[1100px] min-w-0 grid-cols-1 gap-5 p-4 outline-none lg:p-6">
      <GridIntro maxCells={maxCells} />
      <form
        noValidate
        aria-label="Grid"
        className="grid min-w-0 grid-cols-1 gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          start.run();
        }}
      >
        <GridBaseFields models={models} fields={draft.fields} />
        <AxisEditors axes={draft.axes} model={draft.fields.model} models={models} errorsOf={axisErrors} actions={draft.axisActions} />
        <GridSummary preview={preview} requestError={requestErrors?.message ?? null} />
        {start.submitError && (
          <Alert variant="destructive">
            <AlertTitle>Not started</AlertTitle>
            <AlertDescription>{start.submitError}</AlertDescription>
          </Alert>
        )}
        <RunBar preview={preview} blocked={blocked} submitting={start.submitting} />
      </form>
      {start.confirming && preview?.confirmation && (
        <LazyConfirmDialog
          title="Run this grid?"
          description={`${preview.shape} = ${preview.cells} cells, ${preview.images} images${preview.usd !== null ? `, about $${preview.usd.toFixed(2)}` : ""}: ${preview.confirmation}.`}
          confirmLabel={`Run ${preview.cells} cells`}
          error={start.submitError}
          pending={start.submitting}
          onConfirm={start.confirm}
          onClose={start.closeConfirm}
        />
      )}
    </main>
  );
}

function GridIntro({ maxCells }: { maxCells: number }) {
  return (
    <header className="grid gap-1">
      <h1 className="text-base font-semibold">X/Y/Z grid</h1>
      <p className="text-muted-foreground text-sm">
        One model, up to three axes: every combination is one cell. Values not on an axis are the model&apos;s defaults. At most {maxCells} cells.
      </p>
    </header>
  );
}

function AxisEditors({
  axes,
  model,
  models,
  errorsOf,
  actions,
}: {
  axes: AxisDraft[];
  model: GridModelOption;
  models: GridModelOption[];
  errorsOf: (i: number) => string[];
  actions: AxisActions;
}) {
  return (
    <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
      {axes.map((a, i) => (
        <AxisEditor
          key={a.id}
          name={AXIS_NAMES[i]!}
          axis={a}
          model={model}
          models={models}
          errors={errorsOf(i)}
          onChange={(patch) => actions.patch(a.id, patch)}
          onFieldChange={(field) => actions.changeField(a.id, field)}
          onRemove={() => actions.remove(a.id)}
        />
      ))}
      {axes.length < 3 && (
        <Button type="button" variant="outline" className="h-auto min-h-24 border-dashed" onClick={actions.add}>
          <Plus aria-hidden /> Add the {AXIS_NAMES[axes.length]} axis
        </Button>
      )}
    </div>
  );
}

function RunBar({ preview, blocked, submitting }: { preview: GridPreview | null; blocked: boolean; submitting: boolean }) {
  return (
    <div className="bg-background/95 sticky bottom-0 -mx-4 border-t px-4 py-3 backdrop-blur">
      <Button type="submit" size="lg" className="w-full sm:w-auto" disabled={blocked} aria-busy={submitting || undefined}>
        {submitting ? <Loader2 className="animate-spin" aria-hidden /> : <Grid3x3 aria-hidden />}
        Run grid{preview ? ` (${preview.cells} cells)` : ""}
      </Button>
    </div>
  );
}
