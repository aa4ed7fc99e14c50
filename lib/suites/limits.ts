import { descriptorsOf } from "@/lib/compare/context";
import { fieldsByRole } from "@/lib/params/roles";
import { getModel } from "@/lib/providers";
import { targetLabel } from "@/lib/providers/labels";
import type { LineProblem } from "./import";
import { editorLines } from "./editor-lines";
import type { SuitePrompt } from "./types";

/** The longest prompt a model takes (its schema's limit), or undefined when it declares none. */
export function promptLimit(provider: string, model: string): number | undefined {
  const def = getModel(provider, model);
  if (!def) return undefined;
  const name = fieldsByRole(def.schema).prompt;
  const d = name ? descriptorsOf(def).get(name) : undefined;
  return d && (d.widget === "text" || d.widget === "textarea") ? d.maxLength : undefined;
}

/**
 * Prompts longer than a chosen target takes, by the line each starts on in the suite's editor (after a CSV's header),
 * so a run never sends a silently cut prompt: one line per prompt, naming every target it is too long for.
 */
export function checkTargetLimits(prompts: SuitePrompt[], targets: { provider: string; model: string }[]): LineProblem[] {
  const limits = targets.map((t) => ({ label: targetLabel(t), max: promptLimit(t.provider, t.model) }));
  const problems: LineProblem[] = [];
  const lines = editorLines(prompts);
  prompts.forEach((p, i) => {
    const over = limits.filter((l) => l.max !== undefined && p.text.length > l.max);
    if (over.length === 0) return;
    const names = over.map((l) => `${l.label} (${l.max})`).join(", ");
    problems.push({ line: lines[i]!, kind: "too_long", message: `Line ${lines[i]} has ${p.text.length} characters, more than ${names} takes.` });
  });
  return problems;
}

/** Images a batch asks for, and whether it is over the hard limit (BATCH_MAX_IMAGES). */
export function batchLimitProblem(images: number, max: number, prompts: number, targets: number): string | null {
  if (images <= max) return null;
  return `${prompts} prompts × ${targets} targets is ${images} images, more than the limit of ${max} per batch (BATCH_MAX_IMAGES). Run fewer prompts or targets.`;
}
