import type { SharedViewDTO } from "@/lib/db/share-dto";
import { targetLabel } from "@/lib/providers/labels";

/** Words for a shared view that never use the prompt unless the share includes it. */

export { modelLabel, providerLabel, targetLabel } from "@/lib/providers/labels";

/** The headline when the prompt is hidden, and the fallback title/description for link previews. */
export function neutralTitle(view: SharedViewDTO) {
  if (view.kind === "run" && view.targets.length > 1) return `A comparison of ${view.targets.length} models`;
  const t = view.targets[0];
  return t ? `An image made with ${targetLabel(t)}` : "A shared image";
}

export function neutralDescription(view: SharedViewDTO) {
  const labels = view.targets.map(targetLabel);
  const emulated = view.targets.some((t) => t.emulated) ? " (emulated)" : "";
  if (view.kind === "run" && labels.length > 1) return `${labels.join(" vs ")}${emulated} — side by side on SD3 Playground.`;
  return `${labels[0] ?? "Stable Diffusion 3"}${emulated} — shared from SD3 Playground.`;
}

export function truncate(text: string, max: number) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}
