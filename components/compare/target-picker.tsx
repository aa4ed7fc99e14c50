"use client";
import type { ProviderId } from "@/lib/providers";
import type { ProviderStatus } from "@/lib/providers/status";
import { formTargetLabel, modelKey, type FormCatalog } from "@/lib/forms/catalog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";

/** A one-click pick (lib/compare/families.ts): the same model family at every provider that offers it. */
export interface FamilyPick {
  family: string;
  label: string;
}

/** Checkboxes for every provider/model pair; the same model at several providers is the point. */
export function TargetPicker({
  catalog,
  familyPicks,
  selected,
  onChange,
  statuses,
}: {
  catalog: FormCatalog;
  familyPicks: readonly FamilyPick[];
  selected: string[];
  onChange: (keys: string[]) => void;
  statuses: Record<ProviderId, ProviderStatus>;
}) {
  const toggle = (key: string, on: boolean) => onChange(on ? [...selected, key] : selected.filter((k) => k !== key));
  // A pick that selects targets which cannot run would fail the comparison before it starts.
  const usable = (id: string) => statuses[id as ProviderId]?.mode !== "missing";
  return (
    <fieldset className="grid gap-1.5">
      <legend className="mb-1.5 text-sm font-medium">Targets</legend>
      <div role="group" aria-label="Pick a model family" className="mb-1 flex flex-wrap gap-1.5">
        {familyPicks.map(({ family, label }) => {
          const picks = catalog.models.filter((m) => m.family === family && usable(m.provider));
          if (picks.length === 0) return null;
          return (
            <Button
              key={family}
              type="button"
              size="sm"
              variant="outline"
              title={picks.map((m) => formTargetLabel(catalog, m)).join("\n")}
              onClick={() => onChange(picks.map(modelKey))}
            >
              {label} ({picks.length})
            </Button>
          );
        })}
      </div>
      {catalog.models.map((model) => {
        const key = modelKey(model);
        const status = statuses[model.provider as ProviderId];
        const missing = status?.mode === "missing";
        const id = `target-${key.replace(/[^a-z0-9]/gi, "-")}`;
        return (
          <div key={key} className="hover:bg-muted/60 flex items-center gap-2 rounded-md px-2 py-1.5">
            <input
              id={id}
              type="checkbox"
              className="accent-primary size-4"
              checked={selected.includes(key)}
              // One whose key is not set cannot be picked, but one picked before (a saved comparison) can be dropped.
              disabled={missing && !selected.includes(key)}
              onChange={(e) => toggle(key, e.target.checked)}
            />
            <label htmlFor={id} className="flex-1 text-sm">
              {formTargetLabel(catalog, model)}
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
