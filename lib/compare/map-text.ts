import { drop, type MapContext } from "./context";

/** Cut to `max` UTF-16 units (zod's `.max()` counts them) without splitting a surrogate pair. */
export function truncate(text: string, max: number | undefined): string {
  if (max === undefined || text.length <= max) return text;
  let cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut;
}

function maxLengthOf(ctx: MapContext, name: string): number | undefined {
  const d = ctx.descriptors.get(name);
  return d && (d.widget === "text" || d.widget === "textarea") ? d.maxLength : undefined;
}

/** The prompt, cut to the model's limit. */
export function mapPrompt(ctx: MapContext): void {
  const { prompt } = ctx.shared;
  const name = ctx.roles.prompt;
  if (!name) {
    if (prompt !== "") drop(ctx, "prompt", prompt, "prompt");
    return;
  }
  const max = maxLengthOf(ctx, name);
  const sent = truncate(prompt, max);
  ctx.input[name] = sent;
  if (sent === prompt) return;
  ctx.adjustments.push({
    role: "prompt",
    field: name,
    kind: "truncated",
    from: prompt,
    to: sent,
    message: `Prompt cut to ${ctx.theirs} limit of ${max} characters.`,
  });
}

/** The negative prompt: "" is sent as "" (none), so a provider's own default negative prompt does not apply unseen. */
export function mapNegativePrompt(ctx: MapContext): void {
  const negative = ctx.shared.negativePrompt ?? "";
  const hasNegative = negative.trim() !== "";
  const name = ctx.roles.negativePrompt;
  if (!name) {
    if (hasNegative) drop(ctx, "negativePrompt", negative, "negative prompt");
    return;
  }
  const max = maxLengthOf(ctx, name);
  const sent = hasNegative ? truncate(negative, max) : "";
  ctx.input[name] = sent;
  if (!hasNegative || sent === negative) return;
  ctx.adjustments.push({
    role: "negativePrompt",
    field: name,
    kind: "truncated",
    from: negative,
    to: sent,
    message: `Negative prompt cut to ${ctx.theirs} limit of ${max} characters.`,
  });
}
