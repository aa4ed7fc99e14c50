"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { FormProvider, useForm, useWatch, type Path } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { humanErrorMap } from "@/lib/forms/human-errors";
import { Columns3, Loader2 } from "lucide-react";
import { allTargets, type ProviderId } from "@/lib/providers";
import type { ProviderStatus } from "@/lib/providers/status";
import { sharedDefaults, sharedSchema, sizeOf, type SharedForm } from "@/lib/compare/shared";
import type { SharedValues } from "@/lib/compare/mapping";
import { startComparison } from "@/lib/actions/start-comparison";
import { describeSchema, randomSeed, SchemaFields } from "@/components/schema-form";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useSubmitShortcut } from "@/lib/client/use-submit-shortcut";
import { loadJson, saveJson, targetKey } from "@/lib/client/storage";
import { TargetPicker } from "@/components/compare/target-picker";
import { TargetPanel } from "./target-panel";

const defaultSelection = allTargets()
  .filter((t) => t.model.family === "sd3.5-large")
  .map((t) => targetKey(t.provider.id, t.model.id));
const sharedDescriptors = describeSchema(sharedSchema);
const seedDescriptor = sharedDescriptors.find((d) => d.widget === "seed");

function toShared(values: unknown): SharedValues | null {
  const parsed = sharedSchema.safeParse(values);
  if (!parsed.success) return null;
  return { ...parsed.data, ...sizeOf(parsed.data) };
}

export function CompareBuilder({ statuses }: { statuses: Record<ProviderId, ProviderStatus> }) {
  const router = useRouter();
  const methods = useForm<SharedForm>({
    resolver: zodResolver(sharedSchema, { error: humanErrorMap(sharedSchema) }),
    defaultValues: sharedDefaults,
    mode: "onChange",
  });
  const [selected, setSelected] = useState<string[]>(defaultSelection);
  const overrides = useRef<Record<string, Record<string, unknown>>>({});
  const [restored, setRestored] = useState(false);
  // What each target's own fields start from (read once after restore); the ref tracks their live values.
  const [initialOverrides, setInitialOverrides] = useState<Record<string, Record<string, unknown>>>({});
  const [seedLocked, setSeedLocked] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [targetErrors, setTargetErrors] = useState<Record<string, Record<string, string>>>({});

  // Restore the last comparison setup after mount, then keep it saved.
  useEffect(() => {
    const stored = loadJson<{ values: SharedForm; selected: string[]; overrides: Record<string, Record<string, unknown>>; seedLocked: boolean }>("compare");
    if (stored) {
      methods.reset({ ...sharedDefaults, ...stored.values });
      const valid = stored.selected.filter((k) => allTargets().some((t) => targetKey(t.provider.id, t.model.id) === k));
      // eslint-disable-next-line react-hooks/set-state-in-effect -- one-time restore from localStorage
      if (valid.length) setSelected(valid);
      overrides.current = stored.overrides ?? {};
      setInitialOverrides(stored.overrides ?? {});
      setSeedLocked(Boolean(stored.seedLocked));
      // Unlocked means "random each run": no stale number stays in the field.
      if (!stored.seedLocked) methods.setValue("seed", undefined);
    }
    setRestored(true);
  }, [methods]);

  const persist = useCallback(() => {
    saveJson("compare", { values: methods.getValues(), selected, overrides: overrides.current, seedLocked });
  }, [methods, selected, seedLocked]);
  useEffect(() => {
    if (restored) persist();
  }, [restored, persist]);
  useEffect(() => methods.subscribe({ formState: { values: true }, callback: () => persist() }), [methods, persist]);

  const values = useWatch({ control: methods.control });
  const shared = useMemo(() => toShared(values), [values]);
  const targets = useMemo(
    () => selected.map((k) => allTargets().find((t) => targetKey(t.provider.id, t.model.id) === k)).filter((t) => t !== undefined),
    [selected],
  );
  const onOverrides = useMemo(
    () =>
      Object.fromEntries(
        targets.map((t) => {
          const key = targetKey(t.provider.id, t.model.id);
          return [key, (v: Record<string, unknown>) => {
            overrides.current = { ...overrides.current, [key]: v };
            persist();
          }];
        }),
      ),
    [targets, persist],
  );

  const onValid = async (form: SharedForm) => {
    setFormError(null);
    setTargetErrors({});
    setSubmitting(true);
    try {
      // Unlocked: a fresh seed for this run only, so we always know the seed we sent.
      const seed = seedLocked && form.seed !== undefined ? form.seed : seedDescriptor?.widget === "seed" ? randomSeed(seedDescriptor) : form.seed;
      const result = await startComparison({
        shared: { ...form, seed },
        targets: targets.map((t) => ({
          provider: t.provider.id,
          model: t.model.id,
          overrides: overrides.current[targetKey(t.provider.id, t.model.id)] ?? {},
        })),
      });
      if (result.ok) {
        router.push(`/runs/${result.runId}`);
        return;
      }
      const perTarget: Record<string, Record<string, string>> = {};
      for (const [path, message] of Object.entries(result.fieldErrors)) {
        const m = /^targets\.(\d+)\.(.+)$/.exec(path);
        const target = m ? targets[Number(m[1])] : undefined;
        if (m && target) {
          const key = targetKey(target.provider.id, target.model.id);
          perTarget[key] = { ...perTarget[key], [m[2]!]: message };
        } else if (path !== "_form") {
          methods.setError(path as Path<SharedForm>, { type: "server", message });
        }
      }
      setTargetErrors(perTarget);
      setFormError(result.message);
      setSubmitting(false);
    } catch {
      setFormError("The server could not be reached. Your settings are kept; try again.");
      setSubmitting(false);
    }
  };

  const run = () => {
    if (submitting) return;
    void methods.handleSubmit(onValid)();
  };

  // A typed seed locks itself; unlocking clears the field, locking an empty one picks a number to keep.
  const onSeedLockedChange = (locked: boolean) => {
    setSeedLocked(locked);
    if (!locked) methods.setValue("seed", undefined, { shouldValidate: true });
    else if (methods.getValues("seed") === undefined && seedDescriptor?.widget === "seed") {
      methods.setValue("seed", randomSeed(seedDescriptor), { shouldValidate: true });
    }
  };

  useSubmitShortcut(run, true);

  const tooFew = targets.length < 2;

  return (
    <div className="mx-auto grid max-w-[1600px] lg:grid-cols-[400px_minmax(0,1fr)]">
      <aside aria-label="Shared values" className="lg:bg-muted/20 border-b lg:sticky lg:top-12 lg:h-[calc(100dvh-3rem)] lg:overflow-y-auto lg:border-r lg:border-b-0">
        <FormProvider {...methods}>
          <form
            noValidate
            aria-label="Comparison"
            className="grid gap-4 p-4"
            onSubmit={(e) => {
              e.preventDefault();
              run();
            }}
          >
            <h1 className="text-base font-semibold">Compare providers</h1>
            <p className="text-muted-foreground -mt-2 text-xs">
              Written once, sent to every target. Each target below shows how these values map onto its own parameters.
            </p>
            <SchemaFields descriptors={sharedDescriptors} seedLocked={seedLocked} onSeedLockedChange={onSeedLockedChange} />
            {formError && (
              <Alert variant="destructive">
                <AlertTitle>Not started</AlertTitle>
                <AlertDescription>{formError}</AlertDescription>
              </Alert>
            )}
            <div className="bg-background/95 sticky bottom-0 -mx-4 border-t px-4 py-3 backdrop-blur lg:bg-transparent">
              <Button
                type="submit"
                size="lg"
                className="w-full"
                disabled={tooFew}
                aria-disabled={submitting || undefined}
                aria-busy={submitting || undefined}
              >
                {submitting ? <Loader2 className="animate-spin" aria-hidden /> : <Columns3 aria-hidden />}
                Compare {targets.length} targets
              </Button>
              {tooFew && <p className="text-muted-foreground mt-2 text-center text-xs">Pick at least two targets.</p>}
            </div>
          </form>
        </FormProvider>
      </aside>
      <main className="grid min-w-0 content-start gap-6 p-4 lg:p-6" aria-label="Targets">
        <TargetPicker selected={selected} onChange={setSelected} statuses={statuses} />
        <div className="grid gap-3 md:grid-cols-2 2xl:grid-cols-3">
          {restored &&
            targets.map((t) => {
              const key = targetKey(t.provider.id, t.model.id);
              return (
                <TargetPanel
                  key={key}
                  provider={t.provider}
                  model={t.model}
                  shared={shared}
                  initialOverrides={initialOverrides[key] ?? {}}
                  serverErrors={targetErrors[key] ?? {}}
                  onOverridesChange={onOverrides[key]!}
                />
              );
            })}
        </div>
      </main>
    </div>
  );
}
