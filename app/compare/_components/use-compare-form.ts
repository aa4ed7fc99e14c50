"use client";
import { startTransition, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useForm, type FieldValues, type Path, type UseFormReturn } from "react-hook-form";
import type { FieldDescriptor } from "@/lib/params/descriptors";
import { descriptorResolver } from "@/lib/forms/resolver";
import { knownFields, modelKey, type FormCatalog, type FormModel } from "@/lib/forms/catalog";
import { startComparison } from "@/lib/actions/start-comparison";
import { newSubmissionKey } from "@/lib/client/submission-key";
import type { NeedsConfirmation } from "@/lib/actions/result";
import { randomSeed } from "@/components/schema-form/fields/number-value";
import { loadJson, saveJson } from "@/lib/client/storage";
import { keepPicked, type TargetOverrides as Overrides } from "@/lib/compare/overrides";
interface Stored {
  values: FieldValues;
  selected: string[];
  overrides: Overrides;
  seedLocked: boolean;
}

/** The last comparison setup, restored after mount (localStorage is not there during server rendering). */
function useRestore(
  catalog: FormCatalog,
  methods: UseFormReturn<FieldValues>,
  fields: readonly FieldDescriptor[],
  defaults: FieldValues,
  apply: (stored: Stored, selected: string[]) => void,
) {
  const [restored, setRestored] = useState(false);
  useEffect(() => {
    // A transition: mounting the target panels is rendered in slices, not as one long task right after hydration.
    startTransition(() => {
      const stored = loadJson<Stored>("compare");
      if (stored) {
        methods.reset({ ...defaults, ...knownFields(fields, stored.values) });
        const valid = stored.selected.filter((k) => catalog.models.some((m) => modelKey(m) === k));
        apply(stored, valid);
        // Unlocked means "random each run": no stale number stays in the field.
        if (!stored.seedLocked) methods.setValue("seed", undefined);
      }
      setRestored(true);
    });
  }, [methods, catalog, fields, defaults, apply]);
  return restored;
}

/** Server field errors: "targets.<i>.<field>" go to that target's panel, the rest onto the shared form. */
function spreadErrors(fieldErrors: Record<string, string>, targets: readonly FormModel[], methods: UseFormReturn<FieldValues>) {
  const perTarget: Record<string, Record<string, string>> = {};
  for (const [path, message] of Object.entries(fieldErrors)) {
    const m = /^targets\.(\d+)\.(.+)$/.exec(path);
    const target = m ? targets[Number(m[1])] : undefined;
    if (m && target) perTarget[modelKey(target)] = { ...perTarget[modelKey(target)], [m[2]!]: message };
    else if (path !== "_form") methods.setError(path as Path<FieldValues>, { type: "server", message });
  }
  return perTarget;
}

/** The comparison form: shared values, picked targets, each target's own settings, the seed lock and the run. */
export function useCompareForm(catalog: FormCatalog, fields: FieldDescriptor[], defaults: FieldValues, initial: string[]) {
  const methods = useForm<FieldValues>({ resolver: descriptorResolver(fields), defaultValues: defaults, mode: "onChange" });
  const [selected, setSelected] = useState<string[]>(initial);
  const overrides = useRef<Overrides>({});
  const [overridesVersion, setOverridesVersion] = useState(0);
  // The same values as state, for what renders from them (the cost preview).
  const [currentOverrides, setCurrentOverrides] = useState<Overrides>({});
  // What each target's own fields start from (read once after restore); the ref tracks their live values.
  const [initialOverrides, setInitialOverrides] = useState<Overrides>({});
  const [seedLocked, setSeedLocked] = useState(false);
  const seedDescriptor = fields.find((d) => d.widget === "seed");

  const restored = useRestore(catalog, methods, fields, defaults, useCallback((stored: Stored, valid: string[]) => {
    if (valid.length) setSelected(valid);
    overrides.current = stored.overrides ?? {};
    setInitialOverrides(stored.overrides ?? {});
    setCurrentOverrides(stored.overrides ?? {});
    setSeedLocked(Boolean(stored.seedLocked));
  }, []));

  const persist = useCallback(() => {
    saveJson("compare", { values: methods.getValues(), selected, overrides: overrides.current, seedLocked });
  }, [methods, selected, seedLocked]);
  useEffect(() => {
    if (restored) persist();
  }, [restored, persist]);
  useEffect(() => methods.subscribe({ formState: { values: true }, callback: () => persist() }), [methods, persist]);

  // A target taken off loses its own settings: picked again, its fields and what is sent both start from its defaults.
  const pick = useCallback((keys: string[]) => {
    setSelected(keys);
    const kept = keepPicked(overrides.current, keys);
    if (kept === overrides.current) return;
    overrides.current = kept;
    setInitialOverrides((initial) => keepPicked(initial, keys));
    setCurrentOverrides(kept);
    setOverridesVersion((n) => n + 1);
  }, []);

  const targets = useMemo(
    () => selected.map((k) => catalog.models.find((m) => modelKey(m) === k)).filter((m) => m !== undefined),
    [selected, catalog],
  );
  const setOverrides = useCallback(
    (key: string, v: Record<string, unknown>) => {
      overrides.current = { ...overrides.current, [key]: v };
      setOverridesVersion((n) => n + 1);
      setCurrentOverrides(overrides.current);
      persist();
    },
    [persist],
  );

  const { send, submitting, formError, targetErrors, confirmation } = useSend(targets, methods);
  const onValid = (form: FieldValues) => {
    // Unlocked: a fresh seed for this run only, so we always know the seed we sent.
    const seed = seedLocked && form.seed !== undefined ? form.seed : seedDescriptor?.widget === "seed" ? randomSeed(seedDescriptor) : form.seed;
    return send({
      shared: { ...form, seed },
      targets: targets.map((t) => ({ provider: t.provider, model: t.id, overrides: ownOnly(t, overrides.current[modelKey(t)]) })),
    });
  };
  const run = () => {
    if (submitting) return;
    void methods.handleSubmit(onValid)();
  };

  // A typed seed locks itself; unlocking clears the field, locking an empty one picks a number to keep.
  // Stable, so the memoized shared fields do not render again with every change the page watches.
  const onSeedLockedChange = useCallback(
    (locked: boolean) => {
      setSeedLocked(locked);
      if (!locked) methods.setValue("seed", undefined, { shouldValidate: true });
      else if (methods.getValues("seed") === undefined && seedDescriptor?.widget === "seed") {
        methods.setValue("seed", randomSeed(seedDescriptor), { shouldValidate: true });
      }
    },
    [methods, seedDescriptor],
  );

  const getOverrides = useCallback(() => overrides.current, []);
  return {
    methods, selected, setSelected: pick, targets, restored, initialOverrides, setOverrides, getOverrides, overridesVersion, currentOverrides,
    seedLocked, onSeedLockedChange, submitting, formError, targetErrors, run, confirmation,
  };
}

/**
 * A target's overrides of its own fields only: a stored value for a field the shared form now sets, or that the model
 * no longer has, is not sent.
 */
export function ownOnly(target: FormModel, values: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(knownFields(target.fields, values ?? {})).filter(([name]) => !target.sharedFields.includes(name)));
}

type StartComparisonRequest = { shared: Record<string, unknown>; targets: { provider: string; model: string; overrides: Record<string, unknown> }[]; confirmed?: boolean };

/**
 * Sends a comparison and shows what comes back: the run, errors on their fields, or a confirmation to ask for (the
 * request is then sent again as it was, the same seed, once the person confirms).
 */
function useSend(targets: readonly FormModel[], methods: UseFormReturn<FieldValues>) {
  const router = useRouter();
  const [submitting, setSubmitting] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [targetErrors, setTargetErrors] = useState<Record<string, Record<string, string>>>({});
  const [confirm, setConfirm] = useState<{ asked: NeedsConfirmation; request: StartComparisonRequest } | null>(null);
  const send = async (request: StartComparisonRequest) => {
    setFormError(null);
    setTargetErrors({});
    setSubmitting(true);
    try {
      const result = await startComparison(request, { idempotencyKey: newSubmissionKey() });
      if (result.ok) {
        router.push(`/runs/${result.runId}`);
        return;
      }
      if (result.code === "needs_confirmation") setConfirm({ asked: result, request });
      else {
        setConfirm(null);
        setTargetErrors(spreadErrors(result.fieldErrors, targets, methods));
        setFormError(result.message);
      }
    } catch {
      setFormError("The server could not be reached. Your settings are kept; try again.");
    }
    setSubmitting(false);
  };
  const confirmation = confirm && {
    asked: confirm.asked,
    accept: () => void send({ ...confirm.request, confirmed: true }),
    close: () => setConfirm(null),
  };
  return { send, submitting, formError, targetErrors, confirmation };
}
