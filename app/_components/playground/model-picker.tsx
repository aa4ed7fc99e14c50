"use client";
import { targetLabel } from "@/lib/providers/labels";
import { allTargets, providers, type ProviderId } from "@/lib/providers";
import type { ProviderStatus } from "@/lib/providers/status";
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
import { targetKey } from "@/lib/client/storage";

export function modeNote(status: ProviderStatus | undefined) {
  if (!status) return "";
  if (status.mode === "emulated") return "emulated";
  if (status.mode === "missing") return "not configured";
  return "";
}

export function ModelPicker({
  value,
  onChange,
  statuses,
}: {
  value: string;
  onChange: (key: string) => void;
  statuses: Record<ProviderId, ProviderStatus>;
}) {
  const groups = Object.values(providers).map((p) => ({
    provider: p,
    targets: allTargets().filter((t) => t.provider.id === p.id),
  }));
  return (
    <div className="grid gap-1.5">
      <Label htmlFor="model-picker">Model</Label>
      <Select value={value} onValueChange={onChange}>
        <SelectTrigger id="model-picker" className="w-full">
          <SelectValue placeholder="Pick a model" />
        </SelectTrigger>
        <SelectContent>
          {groups.map(({ provider, targets }) => {
            const note = modeNote(statuses[provider.id as ProviderId]);
            return (
              <SelectGroup key={provider.id}>
                <SelectLabel>
                  {provider.label}
                  {note && <span className="text-muted-foreground font-normal"> · {note}</span>}
                </SelectLabel>
                {targets.map(({ model }) => (
                  <SelectItem key={model.id} value={targetKey(provider.id, model.id)}>
                    {targetLabel({ provider: provider.id, model: model.id })}
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
