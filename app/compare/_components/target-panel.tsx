"use client";
import { useEffect, useMemo, useRef, useState } from "react";
import { FormProvider, useForm, type FieldValues, type Path } from "react-hook-form";
import { ChevronDown } from "lucide-react";
import type { FormModel, FormProvider as FormProviderInfo } from "@/lib/forms/catalog";
import type { TargetPreview } from "@/lib/compare/preview";
import { SchemaFields } from "@/components/schema-form/schema-fields";
import { ParamRows } from "@/components/generation/params-list";
import { AdjustmentList } from "@/components/compare/adjustment-list";

const summaryClass =
  "text-muted-foreground hover:text-foreground flex cursor-pointer list-none items-center gap-1 text-xs font-medium [&::-webkit-details-marker]:hidden";

// A target's own fields never hold the seed (the shared form does); stable, for the memoized fields.
const noSeedLock = () => {};

/** The target's own fields (what the shared form does not cover), with their values reported as they change. */
function useOwnFields(model: FormModel, initialOverrides: Record<string, unknown>, onChange: (v: Record<string, unknown>) => void) {
  const own = useMemo(() => model.fields.filter((d) => !model.sharedFields.includes(d.name)), [model]);
  const ownDefaults = useMemo(
    () => Object.fromEntries(own.filter((d) => d.name in model.defaults).map((d) => [d.name, model.defaults[d.name]])),
    [own, model],
  );
  const methods = useForm<FieldValues>({ defaultValues: { ...ownDefaults, ...initialOverrides }, mode: "onChange" });
  useEffect(() => methods.subscribe({ formState: { values: true }, callback: ({ values }) => onChange({ ...values }) }), [methods, onChange]);
  return { own, methods };
}

/**
 * One target of a comparison: its own fields (what the shared form does not cover), and a live preview of exactly
 * what will be sent, with every adjustment named.
 */
export function TargetPanel({
  provider,
  model,
  preview,
  initialOverrides,
  serverErrors,
  onOverridesChange,
}: {
  provider: FormProviderInfo;
  model: FormModel;
  preview: TargetPreview | null;
  initialOverrides: Record<string, unknown>;
  serverErrors: Record<string, string>;
  onOverridesChange: (key: string, values: Record<string, unknown>) => void;
}) {
  const key = `${model.provider}/${model.id}`;
  const report = useMemo(() => (v: Record<string, unknown>) => onOverridesChange(key, v), [key, onOverridesChange]);
  const { own, methods } = useOwnFields(model, initialOverrides, report);
  const [opened, setOpened] = useState(false);
  const ownRef = useRef<HTMLDetailsElement>(null);
  const owns = (path: string) => own.some((d) => d.name === path.split(".")[0]);

  // Server errors for fields this panel owns land on those fields.
  useEffect(() => {
    for (const [name, message] of Object.entries(serverErrors)) {
      if (!owns(name)) continue;
      methods.setError(name as Path<FieldValues>, { type: "server", message });
      // An error on a folded field must be seen: unfolding fires "toggle", which mounts the fields.
      if (ownRef.current) ownRef.current.open = true;
    }
  }, [serverErrors, own, methods]); // eslint-disable-line react-hooks/exhaustive-deps

  const problems = { ...(preview?.problems ?? {}), ...Object.fromEntries(Object.entries(serverErrors).filter(([n]) => !owns(n))) };

  return (
    <section aria-label={`${provider.label} ${model.label}`} className="bg-card grid gap-3 rounded-lg border p-3">
      <header className="flex items-baseline gap-2">
        <h2 className="text-sm font-medium">{provider.label}</h2>
        <span className="text-muted-foreground text-xs">{model.label}</span>
      </header>
      <AdjustmentList adjustments={preview?.adjustments ?? []} />
      <Problems problems={problems} />
      {own.length > 0 && (
        // The fields mount when first unfolded (four panels of fields were most of the page's start-up work), then
        // stay mounted while folded. Until then the form's default values are the overrides.
        <details ref={ownRef} className="group" onToggle={(e) => e.currentTarget.open && setOpened(true)}>
          <summary className={summaryClass}>
            <ChevronDown className="size-3.5 transition-transform group-open:rotate-180" aria-hidden />
            {provider.label}&apos;s own settings ({own.length})
          </summary>
          <div className="pt-3">
            {opened && (
              <FormProvider {...methods}>
                <SchemaFields descriptors={own} seedLocked onSeedLockedChange={noSeedLock} />
              </FormProvider>
            )}
          </div>
        </details>
      )}
      {preview && <WillBeSent label={provider.label} input={preview.input} />}
    </section>
  );
}

function Problems({ problems }: { problems: Record<string, string> }) {
  if (Object.keys(problems).length === 0) return null;
  return (
    <ul role="alert" className="text-destructive grid gap-0.5 text-xs">
      {Object.entries(problems).map(([k, v]) => (
        <li key={k}>
          <span className="font-mono">{k}</span>: {v}
        </li>
      ))}
    </ul>
  );
}

function WillBeSent({ label, input }: { label: string; input: Record<string, unknown> }) {
  return (
    <details className="group">
      <summary className={summaryClass}>
        <ChevronDown className="size-3.5 transition-transform group-open:rotate-180" aria-hidden />
        Will be sent
      </summary>
      <ParamRows values={input} label={`${label} will be sent`} className="mt-2" />
    </details>
  );
}
