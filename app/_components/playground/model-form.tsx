"use client";
import { useEffect, useMemo, useState } from "react";
import { FormProvider, useForm, type FieldValues, type Path } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Loader2, Sparkles } from "lucide-react";
import type { ModelDefinition, ProviderDefinition } from "@/lib/providers/types";
import type { ProviderStatus } from "@/lib/providers/status";
import { fieldsByRole } from "@/lib/params/roles";
import { startGeneration } from "@/lib/actions/start-generation";
import { describeSchema, randomSeed, SchemaFields } from "@/components/schema-form";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormCostPreview } from "@/components/cost/form-cost-preview";
import { useSubmitShortcut } from "@/lib/client/use-submit-shortcut";
import { humanErrorMap } from "@/lib/forms/human-errors";
import { loadJson, saveJson, targetKey } from "@/lib/client/storage";
import { BatchSeedNote } from "./batch-seed-note";

/** Values too large for localStorage (an uploaded image) are not persisted. */
function persistable(values: FieldValues) {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => !(typeof v === "string" && v.length > 100_000)));
}

export function ModelForm({
  provider,
  model,
  status,
  loaded,
  onStarted,
}: {
  provider: ProviderDefinition;
  model: ModelDefinition;
  status: ProviderStatus | undefined;
  loaded: Record<string, unknown> | null;
  onStarted: (generationIds: string[]) => void;
}) {
  const key = targetKey(provider.id, model.id);
  const descriptors = useMemo(() => describeSchema(model.schema), [model]);
  const seedField = useMemo(() => fieldsByRole(model.schema).seed, [model]);
  const seedDescriptor = descriptors.find((d) => d.name === seedField);

  const methods = useForm<FieldValues>({
    resolver: zodResolver(model.schema, { error: humanErrorMap(model.schema) }),
    defaultValues: { ...model.defaults, ...(loaded ?? {}) },
    mode: "onChange",
  });
  const [seedLocked, setSeedLocked] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  // Restore this model's last values and seed lock after mount, then keep them saved as they change.
  useEffect(() => {
    const stored = loadJson<Record<string, unknown>>(`form:${key}`);
    if (stored && !loaded) methods.reset({ ...model.defaults, ...stored }, { keepDefaultValues: true });
    const locked = loadJson<boolean>(`seedLock:${key}`) ?? Boolean(loaded);
    // Unlocked means "random each run": no stale number stays in the field.
    if (!locked && seedField) methods.setValue(seedField, undefined);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- one-time restore from localStorage
    setSeedLocked(locked);
    return methods.subscribe({
      formState: { values: true },
      callback: ({ values }) => saveJson(`form:${key}`, persistable(values)),
    });
  }, [key, loaded, methods, model.defaults, seedField]);

  // A typed seed locks itself; unlocking clears the field, locking an empty one picks a number to keep.
  const onSeedLockedChange = (locked: boolean) => {
    setSeedLocked(locked);
    saveJson(`seedLock:${key}`, locked);
    if (!seedField || !seedDescriptor || seedDescriptor.widget !== "seed") return;
    const current: unknown = methods.getValues(seedField);
    if (!locked) methods.setValue(seedField, undefined, { shouldValidate: true, shouldDirty: true });
    else if (typeof current !== "number") {
      methods.setValue(seedField, randomSeed(seedDescriptor), { shouldValidate: true, shouldDirty: true });
    }
  };

  const disabled = status?.mode === "missing";

  const submit = methods.handleSubmit(async (values) => {
    setFormError(null);
    setSubmitting(true);
    // Unlocked: a fresh seed for this run only, chosen here so that we always know the seed we sent. The field
    // keeps saying "random each run" rather than showing a number the next run won't use.
    const input = { ...values };
    if (seedField && seedDescriptor?.widget === "seed" && (!seedLocked || typeof input[seedField] !== "number")) {
      input[seedField] = randomSeed(seedDescriptor);
    }
    try {
      const result = await startGeneration({ provider: provider.id, model: model.id, input });
      if (result.ok) {
        onStarted(result.generationIds);
        return;
      }
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

  return (
    <FormProvider {...methods}>
      <form
        noValidate
        aria-busy={submitting || undefined}
        aria-label={`${provider.label} ${model.label} parameters`}
        onSubmit={(e) => {
          e.preventDefault();
          generate();
        }}
        className="grid gap-4"
      >
        {status?.mode === "emulated" && (
          <p className="text-muted-foreground flex items-center gap-2 text-xs">
            <span className="rounded border px-1.5 py-0.5 font-medium">emulated</span>
            <span className="min-w-0">
              Placeholder images: set <code className="font-mono">{provider.keyEnv}</code> for the real API.
            </span>
          </p>
        )}
        {disabled && (
          <Alert variant="warning" role="status">
            <AlertTitle>{provider.label} is not configured</AlertTitle>
            <AlertDescription>Set {provider.keyEnv} on the server to generate with it.</AlertDescription>
          </Alert>
        )}
        {model.notes && <p className="text-muted-foreground text-xs">{model.notes}</p>}

        <SchemaFields
          descriptors={descriptors}
          seedLocked={seedLocked}
          onSeedLockedChange={onSeedLockedChange}
        />
        <BatchSeedNote provider={provider} model={model} seedLocked={seedLocked} />

        {formError && (
          <Alert variant="destructive">
            <AlertTitle>Not started</AlertTitle>
            <AlertDescription>{formError}</AlertDescription>
          </Alert>
        )}

        <div className="bg-background/95 sticky bottom-0 -mx-4 border-t px-4 py-3 backdrop-blur lg:bg-transparent">
          {/* Never disabled while submitting: a disabled button drops focus to the page body. */}
          <FormCostPreview provider={provider.id} model={model.id}>
          <Button
            type="submit"
            size="lg"
            className="w-full"
            disabled={disabled}
            aria-disabled={submitting || undefined}
            aria-busy={submitting || undefined}
          >
            {submitting ? <Loader2 className="animate-spin" aria-hidden /> : <Sparkles aria-hidden />}
            Generate
            <kbd className="ml-auto hidden rounded border border-current/30 px-1 font-mono text-[10px] opacity-70 sm:inline">
              Ctrl ↵
            </kbd>
          </Button>
          </FormCostPreview>
        </div>
      </form>
    </FormProvider>
  );
}
