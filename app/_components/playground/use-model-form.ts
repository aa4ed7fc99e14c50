"use client";
import { useCallback, useEffect, useState } from "react";
import { useForm, type FieldValues, type Path } from "react-hook-form";
import { knownFields, type FormModel, type FormProvider } from "@/lib/forms/catalog";
import { descriptorResolver } from "@/lib/forms/resolver";
import type { ProviderStatus } from "@/lib/providers/status";
import { startGeneration } from "@/lib/actions/start-generation";
import { randomSeed } from "@/components/schema-form/fields/number-value";
import { isSeedValue } from "@/lib/params/seed-digits";
import { useSubmitShortcut } from "@/lib/client/use-submit-shortcut";
import { loadJson, saveJson } from "@/lib/client/storage";
import { newSubmissionKey } from "@/lib/client/submission-key";

/** Values too large for localStorage (an uploaded image) are not persisted. */
function persistable(values: FieldValues) {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => !(typeof v === "string" && v.length > 100_000)));
}

interface Options {
  provider: FormProvider;
  model: FormModel;
  status: ProviderStatus | undefined;
  loaded: Record<string, unknown> | null;
  onStarted: (generationIds: string[]) => void;
}

/** The seed lock: a typed seed locks itself; unlocking clears the field, locking an empty one picks a number. */
function useSeedLock(model: FormModel, key: string, methods: ReturnType<typeof useForm<FieldValues>>, loaded: Options["loaded"]) {
  const seedField = model.roles.seed;
  const seedDescriptor = model.fields.find((d) => d.name === seedField);
  const [seedLocked, setSeedLocked] = useState(false);

  // Restore this model's last values and seed lock after mount, then keep them saved as they change.
  useEffect(() => {
    const stored = loadJson<Record<string, unknown>>(`form:${key}`);
    if (stored && !loaded) methods.reset({ ...model.defaults, ...knownFields(model.fields, stored) }, { keepDefaultValues: true });
    const locked = loadJson<boolean>(`seedLock:${key}`) ?? Boolean(loaded);
    // Unlocked means "random each run": no stale number stays in the field. Only when there is one: setting a field
    // re-renders the whole form at once, and on a first visit that was the longest task of the page's load.
    if (!locked && seedField && methods.getValues(seedField) !== undefined) methods.setValue(seedField, undefined);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- one-time restore from localStorage
    setSeedLocked(locked);
    return methods.subscribe({
      formState: { values: true },
      callback: ({ values }) => saveJson(`form:${key}`, persistable(values)),
    });
  }, [key, loaded, methods, model.defaults, model.fields, seedField]);

  // Stable, so the memoized fields do not render again with every render of the form.
  const onSeedLockedChange = useCallback(
    (locked: boolean) => {
      setSeedLocked(locked);
      saveJson(`seedLock:${key}`, locked);
      if (!seedField || seedDescriptor?.widget !== "seed") return;
      const current: unknown = methods.getValues(seedField);
      if (!locked) methods.setValue(seedField, undefined, { shouldValidate: true, shouldDirty: true });
      else if (!isSeedValue(current)) {
        methods.setValue(seedField, randomSeed(seedDescriptor), { shouldValidate: true, shouldDirty: true });
      }
    },
    [key, methods, seedField, seedDescriptor],
  );

  /** Unlocked: a fresh seed for this run only, chosen here so that we always know the seed we sent. */
  const seedForRun = (values: FieldValues): FieldValues => {
    if (!seedField || seedDescriptor?.widget !== "seed") return values;
    if (seedLocked && isSeedValue(values[seedField])) return values;
    return { ...values, [seedField]: randomSeed(seedDescriptor) };
  };

  return { seedLocked, onSeedLockedChange, seedForRun };
}

/** One model's form: validation from its descriptors, restore and save, the seed lock, and Generate. */
export function useModelForm({ provider, model, status, loaded, onStarted }: Options) {
  const key = `${provider.id}/${model.id}`;
  const methods = useForm<FieldValues>({
    resolver: descriptorResolver(model.fields),
    defaultValues: { ...model.defaults, ...(loaded ?? {}) },
    mode: "onChange",
  });
  const seed = useSeedLock(model, key, methods, loaded);
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const disabled = status?.mode === "missing";

  const submit = methods.handleSubmit(async (values) => {
    setFormError(null);
    setSubmitting(true);
    try {
      const request = { provider: provider.id, model: model.id, input: seed.seedForRun(values) };
      const result = await startGeneration(request, { idempotencyKey: newSubmissionKey() });
      if (result.ok) {
        onStarted(result.generationIds);
        return;
      }
      // The server's schema is the authority: its field errors land on the fields.
      const entries = Object.entries(result.fieldErrors);
      for (const [path, message] of entries) {
        if (path !== "_form") methods.setError(path as Path<FieldValues>, { type: "server", message });
      }
      setFormError(entries.length > 0 ? `${result.message} See the highlighted fields.` : result.message);
    } catch {
      setFormError("The server could not be reached. Your settings are kept; try again.");
    } finally {
      setSubmitting(false);
    }
  });

  const generate = () => {
    if (submitting || disabled) return;
    void submit();
  };
  useSubmitShortcut(generate, !disabled);

  return { methods, ...seed, formError, submitting, disabled, generate };
}
