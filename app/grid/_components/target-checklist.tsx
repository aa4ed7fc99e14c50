"use client";
import type { GridModelOption } from "@/lib/grid/options";

/** The provider/model axis: one checkbox per model, grouped by provider; unconfigured providers say what to set. */
export function TargetChecklist({
  models,
  selected,
  onChange,
  describedBy,
}: {
  models: GridModelOption[];
  selected: string[];
  onChange: (keys: string[]) => void;
  describedBy?: string;
}) {
  const providers = [...new Map(models.map((m) => [m.provider, m])).values()];
  const toggle = (key: string, on: boolean) => {
    // Keep the registry's order, so columns read the same way every time.
    const next = new Set(selected);
    if (on) next.add(key);
    else next.delete(key);
    onChange(models.map((m) => m.key).filter((k) => next.has(k)));
  };
  return (
    <div className="grid max-h-64 gap-3 overflow-y-auto rounded-md border p-2 sm:grid-cols-2" aria-describedby={describedBy}>
      {providers.map((p) => (
        <fieldset key={p.provider} className="grid gap-1">
          <legend className="text-muted-foreground text-xs font-medium">
            {p.providerLabel}
            {p.mode === "missing" && ` (not configured: set ${p.keyEnv})`}
            {p.mode === "emulated" && " (emulated)"}
          </legend>
          {models
            .filter((m) => m.provider === p.provider)
            .map((m) => (
              <label key={m.key} className="flex min-h-8 cursor-pointer items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  className="accent-primary size-4"
                  checked={selected.includes(m.key)}
                  disabled={m.mode === "missing"}
                  onChange={(e) => toggle(m.key, e.target.checked)}
                  aria-label={`${m.providerLabel} · ${m.label}`}
                />
                {m.label}
              </label>
            ))}
        </fieldset>
      ))}
    </div>
  );
}
