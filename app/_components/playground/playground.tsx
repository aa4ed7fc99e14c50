"use client";
import { Suspense, useCallback, useState } from "react";
import type { ProviderId } from "@/lib/providers";
import type { ProviderStatus } from "@/lib/providers/status";
import type { GenerationDTO } from "@/lib/db/dto";
import { findProvider, type FormCatalog } from "@/lib/forms/catalog";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { ModelPicker } from "./model-picker";
import { ModelForm } from "./model-form";
import { ImageDrop, LoadNotesPanel } from "./image-drop";
import { Results } from "./results";
import { usePlayground, type PlaygroundNotes } from "./use-playground";

export function Playground({
  catalog,
  statuses,
  recent,
}: {
  catalog: FormCatalog;
  statuses: Record<ProviderId, ProviderStatus>;
  recent: Promise<GenerationDTO[]>;
}) {
  const { key, formVersion, loaded, notes, setNotes, current, onPick, onImageLoad } = usePlayground(catalog);
  const [session, setSession] = useState<string[]>([]);
  const provider = findProvider(catalog, current.provider)!;

  const onStarted = useCallback((ids: string[]) => {
    setSession((r) => [...ids, ...r]);
    // On narrow screens the results sit below the long form: bring the new card into view.
    if (window.matchMedia("(max-width: 1023px)").matches) {
      requestAnimationFrame(() => document.getElementById("results")?.scrollIntoView({ behavior: "smooth" }));
    }
  }, []);

  return (
    <div className="mx-auto grid max-w-[1600px] lg:grid-cols-[400px_minmax(0,1fr)]">
      <aside
        aria-label="Parameters"
        className="lg:bg-muted/20 border-b lg:sticky lg:top-12 lg:h-[calc(100dvh-3rem)] lg:scroll-pb-36 lg:overflow-y-auto lg:border-r lg:border-b-0"
      >
        <div className="grid gap-4 p-4">
          <ModelPicker catalog={catalog} value={key} onChange={(k) => void onPick(k)} statuses={statuses} />
          <ImageDrop target={current} onLoad={onImageLoad} />
          <Notices notes={notes} onDismiss={(which) => setNotes((n) => ({ ...n, [which]: undefined }))} />
          <ModelForm
            key={`${key}#${formVersion}`}
            provider={provider}
            model={current}
            status={statuses[current.provider as ProviderId]}
            loaded={loaded}
            onStarted={onStarted}
          />
        </div>
      </aside>
      <Results session={session} recent={recent} />
    </div>
  );
}

function Notices({ notes, onDismiss }: { notes: PlaygroundNotes; onDismiss: (which: "switched" | "load") => void }) {
  return (
    <>
      {notes.use && (
        <p role="status" className="rounded-md border border-emerald-600/40 bg-emerald-500/10 px-3 py-2 text-xs">
          {notes.use}
        </p>
      )}
      {notes.switched && notes.switched.length > 0 && (
        <div role="status" className="text-muted-foreground rounded-md border px-3 py-2 text-xs">
          <p className="text-foreground font-medium">Not carried over unchanged</p>
          <ul className="mt-1 list-disc pl-4">
            {notes.switched.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
          <button type="button" className="mt-1 underline underline-offset-2" onClick={() => onDismiss("switched")}>
            Dismiss
          </button>
        </div>
      )}
      <Suspense>{notes.load && <LoadNotesPanel notes={notes.load} onDismiss={() => onDismiss("load")} />}</Suspense>
      {notes.error && (
        <Alert variant="destructive">
          <AlertTitle>Settings not loaded</AlertTitle>
          <AlertDescription>{notes.error}</AlertDescription>
        </Alert>
      )}
    </>
  );
}
