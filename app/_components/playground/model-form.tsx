"use client";
import type { ReactNode } from "react";
import { FormProvider } from "react-hook-form";
import { Sparkles } from "lucide-react";
import type { FormModel, FormProvider as FormProviderInfo } from "@/lib/forms/catalog";
import type { ProviderStatus } from "@/lib/providers/status";
import { SchemaFields } from "@/components/schema-form/schema-fields";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { FormCostPreview } from "@/components/cost/form-cost-preview";
import { SpendBar } from "@/components/cost/spend-bar";
import { BatchSeedNote } from "./batch-seed-note";
import { useModelForm } from "./use-model-form";

export function ModelForm({
  provider,
  model,
  status,
  loaded,
  onStarted,
  actions,
}: {
  provider: FormProviderInfo;
  model: FormModel;
  status: ProviderStatus | undefined;
  loaded: Record<string, unknown> | null;
  onStarted: (generationIds: string[]) => void;
  /** Extra content for the button bar (e.g. a cost preview beside Generate). */
  actions?: ReactNode;
}) {
  const form = useModelForm({ provider, model, status, loaded, onStarted });
  return (
    <FormProvider {...form.methods}>
      <form
        noValidate
        aria-busy={form.submitting || undefined}
        aria-label={`${provider.label} ${model.label} parameters`}
        onSubmit={(e) => {
          e.preventDefault();
          form.generate();
        }}
        className="grid gap-4"
      >
        <ProviderNotice provider={provider} status={status} />
        {model.notes && <p className="text-muted-foreground text-xs">{model.notes}</p>}
        <SchemaFields descriptors={model.fields} seedLocked={form.seedLocked} onSeedLockedChange={form.onSeedLockedChange} />
        <BatchSeedNote provider={provider} model={model} seedLocked={form.seedLocked} />
        {form.formError && (
          <Alert variant="destructive">
            <AlertTitle>Not started</AlertTitle>
            <AlertDescription>{form.formError}</AlertDescription>
          </Alert>
        )}
        <GenerateBar submitting={form.submitting} disabled={form.disabled} cost={{ provider: provider.id, model: model.id }}>
          {actions}
        </GenerateBar>
      </form>
    </FormProvider>
  );
}

/** "emulated" as a one-line badge, or the variable to set when the provider is not configured. */
function ProviderNotice({ provider, status }: { provider: FormProviderInfo; status: ProviderStatus | undefined }) {
  if (status?.mode === "emulated") {
    return (
      <p className="text-muted-foreground flex items-center gap-2 text-xs">
        <span className="rounded border px-1.5 py-0.5 font-medium">emulated</span>
        <span className="min-w-0">
          Placeholder images: set <code className="font-mono">{provider.keyEnv}</code> for the real API.
        </span>
      </p>
    );
  }
  if (status?.mode !== "missing") return null;
  return (
    <Alert variant="warning" role="status">
      <AlertTitle>{provider.label} is not configured</AlertTitle>
      <AlertDescription>Set {provider.keyEnv} on the server to generate with it.</AlertDescription>
    </Alert>
  );
}

/** The sticky bar under the form: Generate, and room for more (children). */
function GenerateBar({
  submitting,
  disabled,
  cost,
  children,
}: {
  submitting: boolean;
  disabled: boolean;
  cost: { provider: string; model: string };
  children?: ReactNode;
}) {
  return (
    <SpendBar
      submitting={submitting}
      disabled={disabled}
      icon={Sparkles}
      above={children}
      preview={(button) => (
        <FormCostPreview provider={cost.provider} model={cost.model}>
          {button}
        </FormCostPreview>
      )}
    >
      Generate
      <kbd className="ml-auto hidden rounded border border-current/30 px-1 font-mono text-[10px] opacity-70 sm:inline">Ctrl ↵</kbd>
    </SpendBar>
  );
}
