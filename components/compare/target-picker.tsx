"use client";
import { targetLabel } from "@/lib/providers/labels";
import { allTargets, type ProviderId } from "@/lib/providers";
import type { ProviderStatus } from "@/lib/providers/status";
import { Badge } from "@/components/ui/badge";
import { targetKey } from "@/lib/client/storage";
import { familyPicks, familyTargets } from "@/lib/compare/families";
import { Button } from "@/components/ui/button";

/** Checkboxes for every provider/model pair; the same model at several providers is the point. */
export function TargetPicker({
  selected,
  onChange,
  statuses,
}: {
  selected: string[];
  onChange: (keys: string[]) => void;
  statuses: Record<ProviderId, ProviderStatus>;
}) {
  const toggle = (key: string, on: boolean) =>
    onChange(on ? [...selected, key] : selected.filter((k) => k !== key));
  const usable = (id: string) => statuses[id as ProviderId]?.mode !== "missing";
  return (
    <fieldset className="grid gap-1.5">
      <legend className="mb-1.5 text-sm font-medium">Targets</legend>
      <div role="group" aria-label="Pick a model family" className="mb-1 flex flex-wrap gap-1.5">
        {familyPicks.map(({ family, label }) => {
          const picks = familyTargets(family, usable);
          if (picks.length === 0) return null;
          return (
            <Button
              key={family}
              type="button"
              size="sm"
              variant="outline"
              title={picks.map((t) => targetLabel({ provider: t.provider.id, model: t.model.id })).join("\n")}
              onClick={() => onChange(picks.map((t) => targetKey(t.provider.id, t.model.id)))}
            >
              {label} ({picks.length})
            </Button>
          );
        })}
      </div>
      {allTargets().map(({ provider, model }) => {
        const key = targetKey(provider.id, model.id);
        const status = statuses[provider.id as ProviderId];
        const missing = status?.mode === "missing";
        const id = `target-${key.replace(/[^a-z0-9]/gi, "-")}`;
        return (
          <div key={key} className="hover:bg-muted/60 flex items-center gap-2 rounded-md px-2 py-1.5">
            <input
              id={id}
              type="checkbox"
              className="accent-primary size-4"
              checked={selected.includes(key)}
              disabled={missing}
              onChange={(e) => toggle(key, e.target.checked)}
            />
            <label htmlFor={id} className="flex-1 text-sm">
              {targetLabel({ provider: provider.id, model: model.id })}
            </label>
            {status?.mode === "emulated" && <Badge variant="outline">emulated</Badge>}
            {missing && (
              <Badge variant="warning" title={`Set ${status.keyEnv} on the server`}>
                not configured
              </Badge>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
