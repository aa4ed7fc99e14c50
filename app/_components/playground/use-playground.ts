"use client";
import { useCallback, useEffect, useState, type Dispatch, type SetStateAction } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import { findModel, findProvider, modelKey, type FormCatalog } from "@/lib/forms/catalog";
import type { LoadedSettings, LoadNotes } from "@/lib/metadata/settings-to-form";
import { loadJson, saveJson, targetKey } from "@/lib/client/storage";

export function splitKey(key: string) {
  const [provider = "", ...rest] = key.split("/");
  return { provider, model: rest.join("/") };
}

/** What the sidebar says about the last loads and switches. */
export interface PlaygroundNotes {
  use?: string;
  switched?: string[];
  load?: LoadNotes;
  error?: string;
}

/** Loads a result's settings into the form: /?use=<generation id>&mode=all|remix|seed. */
function useReuseFromUrl(catalog: FormCatalog, apply: Apply, setNotes: Dispatch<SetStateAction<PlaygroundNotes>>) {
  const router = useRouter();
  const params = useSearchParams();
  const useId = params.get("use");
  const rawMode = params.get("mode");
  useEffect(() => {
    if (!useId) return;
    let cancelled = false;
    // The reuse rules read the registry's schemas: loaded only when a result is reused.
    Promise.all([import("@/lib/client/api"), import("@/components/generation/reuse")])
      .then(async ([{ fetchGeneration }, reuse]) => [await fetchGeneration(useId), reuse] as const)
      .then(([g, { parseReuseMode, reuseGeneration }]) => {
        if (cancelled) return;
        const mode = parseReuseMode(rawMode);
        const current = splitKey(loadJson<string>("target") ?? modelKey(catalog.models[0]!));
        const values = loadJson<Record<string, unknown>>(`form:${targetKey(current.provider, current.model)}`);
        const r = reuseGeneration(g, mode, { ...current, values });
        apply(r.provider, r.model, r.input, r.seedLocked);
        const label = `${findProvider(catalog, r.provider)?.label ?? r.provider} ${findModel(catalog, r.provider, r.model)?.label ?? r.model}`;
        const what = mode === "remix" ? "Remix loaded" : mode === "seed" ? "Seed loaded" : "Settings loaded";
        setNotes({ use: `${what} from a ${label} result.` });
      })
      .catch((e: Error) => !cancelled && setNotes((n) => ({ ...n, error: `Could not load those settings: ${e.message}` })))
      .finally(() => !cancelled && router.replace("/", { scroll: false }));
    return () => {
      cancelled = true;
    };
  }, [useId, rawMode, router, apply, catalog, setNotes]);
}

type Apply = (provider: string, model: string, input: Record<string, unknown>, seedLocked: boolean) => void;

/** The playground's state: the picked model, the values loaded into its form, and what the sidebar notes say. */
export function usePlayground(catalog: FormCatalog) {
  const defaultKey = modelKey(catalog.models[0]!);
  const [key, setKey] = useState(defaultKey);
  // Bumped whenever the form must be rebuilt from new values (model switch, "use these settings").
  const [formVersion, setFormVersion] = useState(0);
  const [loaded, setLoaded] = useState<Record<string, unknown> | null>(null);
  const [notes, setNotes] = useState<PlaygroundNotes>({});

  /** Puts a model and form values into the form (the seed lock is saved first: the form reads it on mount). */
  const apply = useCallback<Apply>((provider, model, input, seedLocked) => {
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
    if (stored && findModel(catalog, provider, model)) setKey(stored);
  }, [catalog]);

  useReuseFromUrl(catalog, apply, setNotes);

  // Switching model carries the prompt, seed and every role both models share (see lib/forms/carry-over.ts).
  const onPick = useCallback(
    async (k: string) => {
      if (k === key) return;
      const { switchModel } = await import("@/lib/forms/switch-model");
      const r = switchModel({
        from: { ...splitKey(key), values: loadJson(`form:${key}`), seedLocked: loadJson<boolean>(`seedLock:${key}`) ?? false },
        to: { ...splitKey(k), stored: loadJson(`form:${k}`) },
      });
      if (!r) return;
      const to = splitKey(k);
      apply(to.provider, to.model, r.input, r.seedLocked);
      setNotes((n) => ({ ...n, switched: r.notes }));
    },
    [key, apply],
  );

  const onImageLoad = useCallback(
    ({ provider, model, input, notes: load }: LoadedSettings) => {
      // Lock the seed the image was made with, so the next run reproduces it.
      const seedField = findModel(catalog, provider, model)?.roles.seed;
      apply(provider, model, input, seedField !== undefined && input[seedField] !== undefined);
      setNotes((n) => ({ ...n, load }));
    },
    [apply, catalog],
  );

  const { provider, model } = splitKey(key);
  const current = findModel(catalog, provider, model) ?? catalog.models[0]!;
  return { key, formVersion, loaded, notes, setNotes, current, onPick, onImageLoad };
}
