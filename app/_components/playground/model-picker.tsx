"use client";
import type { ProviderId } from "@/lib/providers";
import type { ProviderStatus } from "@/lib/providers/status";
import { formTargetLabel, modelKey, type FormCatalog } from "@/lib/forms/catalog";
import { Label } from "@/components/ui/label";
import {
  Select,
  SelectContent,
  SelectGroup,
  SelectItem,
  SelectLabel,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";

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
  const groups = catalog.providers.map((p) => ({ provider: p, models: catalog.models.filter((m) => m.provider === p.id) }));
  return (
    <div className="grid gap-1.5">
      <Label htmlFor="model-picker">Model</Label>
      <Select value={value} onValueChange={onChange} onOpenChange={(open) => open && preloadSwitch()}>
        <SelectTrigger id="model-picker" className="w-full">
          <SelectValue placeholder="Pick a model" />
        </SelectTrigger>
        <SelectContent>
          {groups.map(({ provider, models }) => {
            const note = modeNote(statuses[provider.id as ProviderId]);
            return (
              <SelectGroup key={provider.id}>
                <SelectLabel>
                  {provider.label}
                  {note && <span className="text-muted-foreground font-normal"> · {note}</span>}
                </SelectLabel>
                {models.map((model) => (
                  <SelectItem key={model.id} value={modelKey(model)}>
                    {formTargetLabel(catalog, model)}
                  </SelectItem>
                ))}
              </SelectGroup>
            );
          })}
        </SelectContent>
      </Select>
    </div>
  );
}
