import "server-only";
import type { FieldDescriptor } from "@/lib/params/describe";
import { fieldsByRole } from "@/lib/params/roles";
import { allTargets } from "@/lib/providers";
import { providerStatuses } from "@/lib/providers/status";
import { axisFields } from "./expand";

/**
 * What the /grid form needs to know about every model, as plain props computed on the server, so the form ships
 * no zod and no provider registry to the browser.
 */
export interface GridModelOption {
  /** "provider:model" (model ids may contain "/"). */
  key: string;
  provider: string;
  providerLabel: string;
  model: string;
  label: string;
  family: string;
  mode: "live" | "emulated" | "missing";
  keyEnv: string;
  /** Fields an axis may vary, as the form would render them. */
  fields: FieldDescriptor[];
  promptField: string | null;
  negativePromptField: string | null;
  seedField: string | null;
  /** The model's defaults for the axis fields, so an axis can start from them. */
  defaults: Record<string, unknown>;
}

export function gridModelOptions(): GridModelOption[] {
  const statuses = providerStatuses();
  return allTargets().map(({ provider, model }) => {
    const roles = fieldsByRole(model.schema);
    const status = statuses[provider.id as keyof typeof statuses];
    return {
      key: `${provider.id}:${model.id}`,
      provider: provider.id,
      providerLabel: provider.label,
      model: model.id,
      label: model.label,
      family: model.family,
      mode: status.mode,
      keyEnv: status.keyEnv,
      fields: axisFields(model).map((d) => ({ ...d })),
      promptField: roles.prompt ?? null,
      negativePromptField: roles.negativePrompt ?? null,
      seedField: roles.seed ?? null,
      defaults: JSON.parse(JSON.stringify(model.defaults)) as Record<string, unknown>,
    };
  });
}
