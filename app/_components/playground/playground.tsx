"use client";
import { useCallback, useEffect, useState } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import Link from "next/link";
import { ImageIcon } from "lucide-react";
import { allTargets, getModel, getProvider, type ProviderId } from "@/lib/providers";
import { fieldsByRole } from "@/lib/params/roles";
import type { ProviderStatus } from "@/lib/providers/status";
import type { GenerationDTO } from "@/lib/db/dto";
import { fetchGeneration, useGeneration } from "@/lib/client/api";
import { GenerationCard } from "@/components/generation/generation-card";
import { ReuseMenu } from "@/components/generation/reuse-menu";
import { parseReuseMode, reuseGeneration } from "@/components/generation/reuse";
import type { LoadedSettings, LoadNotes } from "@/lib/metadata/settings-to-form";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { ModelPicker } from "./model-picker";
import { ModelForm } from "./model-form";
import { ImageDrop, LoadNotesPanel } from "./image-drop";
import { loadJson, saveJson, targetKey } from "@/lib/client/storage";
import { useRetry } from "@/lib/client/use-retry";

const firstTarget = allTargets()[0]!;
const defaultKey = targetKey(firstTarget.provider.id, firstTarget.model.id);

function splitKey(key: string) {
  const [provider = "", ...rest] = key.split("/");
  return { provider, model: rest.join("/") };
}

export function Playground({
  statuses,
  recent,
}: {
  statuses: Record<ProviderId, ProviderStatus>;
  recent: GenerationDTO[];
}) {
  const router = useRouter();
  const params = useSearchParams();
  const [key, setKey] = useState(defaultKey);
  // Bumped whenever the form must be rebuilt from new values (model switch, "use these settings").
  const [formVersion, setFormVersion] = useState(0);
  const [loaded, setLoaded] = useState<Record<string, unknown> | null>(null);
  const [results, setResults] = useState<string[]>([]);
  const [useError, setUseError] = useState<string | null>(null);
  const [loadNotes, setLoadNotes] = useState<LoadNotes | null>(null);
  const [switchNotes, setSwitchNotes] = useState<string[]>([]);
  const [useNotice, setUseNotice] = useState<string | null>(null);

  /** Puts a model and form values into the form (the seed lock is saved first: the form reads it on mount). */
  const applyLoaded = useCallback((provider: string, model: string, input: Record<string, unknown>, seedLocked: boolean) => {
    const k = targetKey(provider, model);
    saveJson("target", k);
    saveJson(`form:${k}`, input);
    saveJson(`seedLock:${k}`, seedLocked);
    setKey(k);
    setLoaded(input);
    setFormVersion((v) => v + 1);
  }, []);

  // Restore the last model after mount (localStorage is not there during server rendering).
  useEffect(() => {
    const stored = loadJson<string>("target");
    const { provider, model } = splitKey(stored ?? "");
    // eslint-disable-next-line react-hooks/set-state-in-effect -- one-time restore from localStorage
    if (stored && getModel(provider, model)) setKey(stored);
  }, []);

  // Reuse a result: /?use=<generation id>&mode=all|remix|seed (see components/generation/reuse.ts).
  const useId = params.get("use");
  const useMode = parseReuseMode(params.get("mode"));
  useEffect(() => {
    if (!useId) return;
    let cancelled = false;
    fetchGeneration(useId)
      .then((g) => {
        if (cancelled) return;
        const current = splitKey(loadJson<string>("target") ?? defaultKey);
        const values = loadJson<Record<string, unknown>>(`form:${targetKey(current.provider, current.model)}`);
        const r = reuseGeneration(g, useMode, { ...current, values });
        applyLoaded(r.provider, r.model, r.input, r.seedLocked);
        const label = `${getProvider(r.provider)?.label ?? r.provider} ${getModel(r.provider, r.model)?.label ?? r.model}`;
        const what = useMode === "remix" ? "Remix loaded" : useMode === "seed" ? "Seed loaded" : "Settings loaded";
        setUseNotice(`${what} from a ${label} result.`);
        setSwitchNotes([]);
        setUseError(null);
        setLoadNotes(null);
      })
      .catch((e: Error) => !cancelled && setUseError(`Could not load those settings: ${e.message}`))
      .finally(() => !cancelled && router.replace("/", { scroll: false }));
    return () => {
      cancelled = true;
    };
  }, [useId, useMode, router, applyLoaded]);

  const latest = recent.slice(0, 4);
  const { provider: providerId, model: modelId } = splitKey(key);
  const target = allTargets().find((t) => t.provider.id === providerId && t.model.id === modelId) ?? firstTarget;

  // Switching model carries the prompt, seed and every role both models share (see lib/forms/carry-over.ts).
  const onPick = useCallback(
    async (k: string) => {
      if (k === key) return;
      const from = splitKey(key);
      const to = splitKey(k);
      const fromModel = getModel(from.provider, from.model);
      const toModel = getModel(to.provider, to.model);
      const toProvider = getProvider(to.provider);
      if (!fromModel || !toModel || !toProvider) return;
      const locked = loadJson<boolean>(`seedLock:${key}`) ?? false;
      const values = { ...fromModel.defaults, ...(loadJson<Record<string, unknown>>(`form:${key}`) ?? {}) };
      const seedField = fieldsByRole(fromModel.schema).seed;
      if (seedField && !locked) delete values[seedField];
      // The mapping loads on the first switch: a first visit that never switches doesn't pay for it.
      const { carryOver } = await import("@/lib/forms/carry-over");
      const r = carryOver(
        { model: fromModel, values },
        { providerLabel: toProvider.label, model: toModel, stored: loadJson<Record<string, unknown>>(`form:${k}`) },
      );
      const toSeed = fieldsByRole(toModel.schema).seed;
      applyLoaded(to.provider, to.model, r.input, locked && toSeed !== undefined && r.input[toSeed] !== undefined);
      setSwitchNotes(r.notes);
    },
    [key, applyLoaded],
  );

  const onImageLoad = useCallback(
    ({ provider, model, input, notes }: LoadedSettings) => {
      // Lock the seed the image was made with, so the next run reproduces it.
      const schema = getModel(provider, model)?.schema;
      const seedField = schema ? fieldsByRole(schema).seed : undefined;
      applyLoaded(provider, model, input, seedField !== undefined && input[seedField] !== undefined);
      setLoadNotes(notes);
    },
    [applyLoaded],
  );

  const onStarted = useCallback((ids: string[]) => {
    setResults((r) => [...ids, ...r]);
    // On narrow screens the results sit below the long form: bring the new card into view.
    if (window.matchMedia("(max-width: 1023px)").matches) {
      requestAnimationFrame(() => document.getElementById("results")?.scrollIntoView({ behavior: "smooth" }));
    }
  }, []);

  return (
    <div className="mx-auto grid max-w-[1600px] lg:grid-cols-[400px_minmax(0,1fr)]">
      <aside
        aria-label="Parameters"
        className="lg:bg-muted/20 border-b lg:sticky lg:top-12 lg:h-[calc(100dvh-3rem)] lg:overflow-y-auto lg:border-r lg:border-b-0"
      >
        <div className="grid gap-4 p-4">
          <ModelPicker value={key} onChange={(k) => void onPick(k)} statuses={statuses} />
          <ImageDrop provider={target.provider} model={target.model} onLoad={onImageLoad} />
          {useNotice && (
            <p role="status" className="rounded-md border border-emerald-600/40 bg-emerald-500/10 px-3 py-2 text-xs">
              {useNotice}
            </p>
          )}
          {switchNotes.length > 0 && (
            <div role="status" className="text-muted-foreground rounded-md border px-3 py-2 text-xs">
              <p className="text-foreground font-medium">Not carried over unchanged</p>
              <ul className="mt-1 list-disc pl-4">
                {switchNotes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
              <button type="button" className="mt-1 underline underline-offset-2" onClick={() => setSwitchNotes([])}>
                Dismiss
              </button>
            </div>
          )}
          {loadNotes && <LoadNotesPanel notes={loadNotes} onDismiss={() => setLoadNotes(null)} />}
          {useError && (
            <Alert variant="destructive">
              <AlertTitle>Settings not loaded</AlertTitle>
              <AlertDescription>{useError}</AlertDescription>
            </Alert>
          )}
          <ModelForm
            key={`${key}#${formVersion}`}
            provider={target.provider}
            model={target.model}
            status={statuses[target.provider.id as ProviderId]}
            loaded={loaded}
            onStarted={onStarted}
          />
        </div>
      </aside>
      <main id="results" className="min-w-0 scroll-mt-12 p-4 lg:p-6" aria-label="Results">
        <h1 className="sr-only">Playground</h1>
        {results.length > 0 ? (
          <section aria-label="This session" className={resultColumns}>
            {results.map((id) => (
              <LiveCard key={id} id={id} />
            ))}
          </section>
        ) : latest.length > 0 ? (
          // After a reload: the latest results, not an empty "your images appear here".
          <section aria-label="Latest results" className={resultColumns}>
            {latest.map((g) => (
              <LiveCard key={g.id} id={g.id} />
            ))}
          </section>
        ) : (
          <EmptyState />
        )}
        {recent.length > 0 && (
          <section aria-labelledby="recent-heading" className="mt-8">
            <div className="mb-3 flex items-baseline justify-between">
              <h2 id="recent-heading" className="text-sm font-medium">
                Recent in the gallery
              </h2>
              <Link href="/gallery" className="text-muted-foreground hover:text-foreground text-xs underline-offset-2 hover:underline">
                Open gallery
              </Link>
            </div>
            <ul className="grid grid-cols-3 gap-2 sm:grid-cols-4 md:grid-cols-6 xl:grid-cols-8">
              {recent.map((g) => (
                <li key={g.id}>
                  <Link
                    href={`/gallery/${g.id}`}
                    title={g.prompt}
                    className="bg-muted focus-visible:ring-ring block aspect-square overflow-hidden rounded-md outline-none focus-visible:ring-2"
                  >
                    {g.images[0] ? (
                      // eslint-disable-next-line @next/next/no-img-element -- stored thumbnail
                      <img src={g.images[0].thumbUrl} alt={g.prompt} className="h-full w-full object-cover" loading="lazy" />
                    ) : (
                      <span className="text-muted-foreground flex h-full items-center justify-center p-1 text-center text-[10px]">
                        {g.status}
                      </span>
                    )}
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        )}
      </main>
    </div>
  );
}

/** Columns, not grid rows: cards of different aspect ratios stack without holes. */
const resultColumns = "columns-1 gap-4 sm:columns-2 2xl:columns-3 [&>*]:mb-4 [&>*]:break-inside-avoid";

function LiveCard({ id }: { id: string }) {
  const { data, error } = useGeneration(id);
  const retry = useRetry(id);
  if (error) return <p className="text-destructive text-sm">Could not load this result: {error.message}</p>;
  if (!data) return <div className="bg-muted aspect-square animate-pulse rounded-lg" aria-label="Loading result" />;
  return (
    <GenerationCard generation={data} onRetry={retry.run} retrying={retry.pending} actions={<ReuseMenu generation={data} />} />
  );
}

function EmptyState() {
  return (
    <div className="text-muted-foreground flex min-h-[40vh] flex-col items-center justify-center gap-3 rounded-xl border border-dashed p-8 text-center">
      <ImageIcon className="size-8 opacity-60" aria-hidden />
      <p className="text-foreground text-sm font-medium">Your images appear here</p>
      <p className="max-w-sm text-sm">
        Write a prompt, adjust the model&apos;s settings and press Generate (or{" "}
        <kbd className="bg-muted rounded border px-1 font-mono text-xs">Ctrl</kbd>+
        <kbd className="bg-muted rounded border px-1 font-mono text-xs">Enter</kbd>). Every result is kept in the gallery.
      </p>
    </div>
  );
}
