"use client";
import type { ProviderId } from "@/lib/providers";
import type { ProviderStatus } from "@/lib/providers/status";
import { formTargetLabel, modelKey, type FormCatalog } from "@/lib/forms/catalog";
import { Label } from "@/components/ui/label";
import { LazySelect, type SelectSection } from "@/components/ui/lazy-select";

export function modeNote(status: ProviderStatus | undefined) {
  if (!status) return "";
  if (status.mode === "emulated") return "emulated";
  if (status.mode === "missing") return "not configured";
  return "";
}

// The switch needs the comparison mapping; start fetching it as soon as the list opens.
const preloadSwitch = () => void import("@/lib/forms/switch-model");

export function ModelPicker({
  catalog,
  value,
  onChange,
  statuses,
}: {
  catalog: FormCatalog;
  value: string;
  onChange: (key: string) => void;
  statuses: Record<ProviderId, ProviderStatus>;
}) {
  const current = catalog.models.find((m) => modelKey(m) === value);
  const sections: SelectSection[] = catalog.providers.map((provider) => {
    const note = modeNote(statuses[provider.id as ProviderId]);
    return {
      key: provider.id,
      label: (
        <>
          {provider.label}
          {note && <span className="text-muted-foreground font-normal"> · {note}</span>}
        </>
      ),
      options: catalog.models
        .filter((m) => m.provider === provider.id)
        .map((m) => ({ value: modelKey(m), label: formTargetLabel(catalog, m) })),
    };
  });
  return (
    <div className="grid gap-1.5">
      <Label htmlFor="model-picker">Model</Label>
      <LazySelect
        id="model-picker"
        className="w-full"
        value={value}
        onValueChange={onChange}
        onActivate={preloadSwitch}
        placeholder="Pick a model"
        sections={sections}
      >
        {current ? formTargetLabel(catalog, current) : undefined}
      </LazySelect>
    </div>
  );
}
