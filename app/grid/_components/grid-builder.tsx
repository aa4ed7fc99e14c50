"use client";
import { useEffect, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { Grid3x3, Loader2, Plus } from "lucide-react";
import type { GridModelOption } from "@/lib/grid/options";
import type { GridPreview } from "@/lib/grid/server";
import { previewGrid } from "@/lib/actions/preview-grid";
import { startGrid } from "@/lib/actions/start-grid";
import { useSubmitShortcut } from "@/lib/client/use-submit-shortcut";
import { LazyConfirmDialog } from "@/components/lazy-confirm-dialog";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { newDraft, suggestField, toRequest, type AxisDraft } from "./axis-draft";
import { AxisEditor } from "./axis-editor";
import { GridSummary } from "./grid-summary";

const AXIS_NAMES = ["X", "Y", "Z"] as const;

/** Axis errors that came back as field errors ("axes.1.values") rather than from the plan. */
function fieldErrorsByAxis(fieldErrors: Record<string, string>): string[][] {
  const out: string[][] = [[], [], []];
  for (const [path, message] of Object.entries(fieldErrors)) {
    const m = /^axes\.(\d)/.exec(path);
    if (m) out[Number(m[1])]?.push(message);
  }
  return out;
}

export function GridBuilder({ models, maxCells }: { models: GridModelOption[]; maxCells: number }) {
  const router = useRouter();
  const first = models.find((m) => m.mode !== "missing" && m.family === "sd3.5-large") ?? models[0]!;
  const [modelKey, setModelKey] = useState(first.key);
  const model = models.find((m) => m.key === modelKey) ?? first;
  const [prompt, setPrompt] = useState("A red fox in a snowy forest, morning light");
  const [negative, setNegative] = useState("");
  const [seed, setSeed] = useState("");
  const nextId = useRef(2);
  const [axes, setAxes] = useState<AxisDraft[]>(() => [newDraft(1, suggestField(model, []), model, models)]);
  const [preview, setPreview] = useState<GridPreview | null>(null);
  const [requestErrors, setRequestErrors] = useState<{ message: string; byAxis: string[][] } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  const request = useMemo(() => {
    const base: Record<string, unknown> = {};
    if (model.promptField) base[model.promptField] = prompt;
    if (model.negativePromptField && negative.trim()) base[model.negativePromptField] = negative;
    if (model.seedField && seed.trim() !== "") base[model.seedField] = Number(seed);
    return { provider: model.provider, model: model.model, base, axes: axes.map(toRequest) };
  }, [model, prompt, negative, seed, axes]);

  // Checked on the server as the person types (debounced; the latest answer wins).
  const asked = useRef(0);
  useEffect(() => {
    const n = ++asked.current;
    const timer = setTimeout(() => {
      previewGrid(request)
        .then((r) => {
          if (n !== asked.current) return;
          if (r.ok) {
            setPreview(r);
            setRequestErrors(null);
          } else {
            setPreview(null);
            setRequestErrors({ message: r.message, byAxis: fieldErrorsByAxis(r.fieldErrors) });
          }
        })
        .catch(() => n === asked.current && setRequestErrors({ message: "The server could not be reached.", byAxis: [] }));
    }, 300);
    return () => clearTimeout(timer);
  }, [request]);

  const changeModel = (key: string) => {
    const next = models.find((m) => m.key === key);
    if (!next) return;
    setModelKey(key);
    // Axes on fields the new model lacks start again on its first field; prompt S/R and provider/model stay.
    setAxes((list) =>
      list.map((a, i) =>
        a.field.startsWith("__") || next.fields.some((f) => f.name === a.field) ? a : newDraft(a.id, suggestField(next, list.slice(0, i).map((b) => b.field)), next, models),
      ),
    );
  };

  const submit = async (confirmed: boolean) => {
    if (submitting) return;
    setSubmitting(true);
    setSubmitError(null);
    try {
      const result = await startGrid({ ...request, ...(confirmed && { confirmed: true }) });
      if (result.ok) {
        router.push(`/grid/${result.runId}`);
        return;
      }
      if ("preview" in result && result.preview) setPreview(result.preview);
      const p = "preview" in result ? result.preview : undefined;
      // Above the threshold the server asks first; a grid with problems shows them instead.
      if (!confirmed && p?.confirmation && p.errors.length === 0 && p.axisErrors.every((e) => e.length === 0)) setConfirming(true);
      else setSubmitError(result.message);
    } catch {
      setSubmitError("The server could not be reached. Your grid is kept; try again.");
    }
    setSubmitting(false);
  };

  const run = () => {
    if (preview?.confirmation) setConfirming(true);
    else void submit(false);
  };
  useSubmitShortcut(run, !confirming);

  const axisErrors = (i: number) => [...(preview?.axisErrors[i] ?? []), ...(requestErrors?.byAxis[i] ?? [])];
  const blocked = !preview || preview.errors.length > 0 || preview.axisErrors.some((e) => e.length > 0);

  return (
    <main id="main" tabIndex={-1} className="mx-auto grid max-w-[1100px] gap-5 p-4 outline-none lg:p-6">
      <header className="grid gap-1">
        <h1 className="text-base font-semibold">X/Y/Z grid</h1>
        <p className="text-muted-foreground text-sm">
          One model, up to three axes: every combination is one cell. Values not on an axis are the model&apos;s defaults. At most {maxCells} cells.
        </p>
      </header>
      <form
        noValidate
        aria-label="Grid"
        className="grid gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        <div className="grid gap-1.5">
          <Label htmlFor="grid-model">Model</Label>
          <Select value={modelKey} onValueChange={changeModel}>
            <SelectTrigger id="grid-model">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {models.map((m) => (
                <SelectItem key={m.key} value={m.key} disabled={m.mode === "missing"}>
                  {m.providerLabel} · {m.label}
                  {m.mode === "missing" ? ` (set ${m.keyEnv})` : m.mode === "emulated" ? " (emulated)" : ""}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="prompt">Prompt</Label>
          <Textarea id="prompt" rows={3} value={prompt} onChange={(e) => setPrompt(e.target.value)} />
        </div>
        <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
          {model.negativePromptField ? (
            <div className="grid gap-1.5">
              <Label htmlFor="grid-negative">Negative prompt</Label>
              <Input id="grid-negative" value={negative} placeholder="The model's default" onChange={(e) => setNegative(e.target.value)} />
            </div>
          ) : (
            <p className="text-muted-foreground self-end text-xs">This model takes no negative prompt.</p>
          )}
          {model.seedField && (
            <div className="grid gap-1.5">
              <Label htmlFor="grid-seed">Seed</Label>
              <Input id="grid-seed" inputMode="numeric" value={seed} placeholder="One random seed for all" onChange={(e) => setSeed(e.target.value)} />
            </div>
          )}
        </div>

        <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
          {axes.map((a, i) => (
            <AxisEditor
              key={a.id}
              name={AXIS_NAMES[i]!}
              axis={a}
              model={model}
              models={models}
              errors={axisErrors(i)}
              onChange={(patch) => setAxes((list) => list.map((x) => (x.id === a.id ? { ...x, ...patch } : x)))}
              onFieldChange={(field) => setAxes((list) => list.map((x) => (x.id === a.id ? newDraft(a.id, field, model, models) : x)))}
              onRemove={() => setAxes((list) => list.filter((x) => x.id !== a.id))}
            />
          ))}
          {axes.length < 3 && (
            <Button type="button" variant="outline" className="h-auto min-h-24 border-dashed" onClick={() => setAxes((list) => [...list, newDraft(nextId.current++, suggestField(model, list.map((a) => a.field)), model, models)])}>
              <Plus aria-hidden /> Add the {AXIS_NAMES[axes.length]} axis
            </Button>
          )}
        </div>

        <GridSummary preview={preview} requestError={requestErrors?.message ?? null} />
        {submitError && (
          <Alert variant="destructive">
            <AlertTitle>Not started</AlertTitle>
            <AlertDescription>{submitError}</AlertDescription>
          </Alert>
        )}
        <div className="bg-background/95 sticky bottom-0 -mx-4 border-t px-4 py-3 backdrop-blur">
          <Button type="submit" size="lg" className="w-full sm:w-auto" disabled={blocked} aria-busy={submitting || undefined}>
            {submitting ? <Loader2 className="animate-spin" aria-hidden /> : <Grid3x3 aria-hidden />}
            Run grid{preview ? ` (${preview.cells} cells)` : ""}
          </Button>
        </div>
      </form>
      {confirming && preview?.confirmation && (
        <LazyConfirmDialog
          title="Run this grid?"
          description={`${preview.shape} = ${preview.cells} cells, ${preview.images} images${preview.usd !== null ? `, about $${preview.usd.toFixed(2)}` : ""}: ${preview.confirmation}.`}
          confirmLabel={`Run ${preview.cells} cells`}
          error={submitError}
          pending={submitting}
          onConfirm={() => void submit(true)}
          onClose={() => setConfirming(false)}
        />
      )}
    </main>
  );
}
