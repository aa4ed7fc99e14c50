/**
 * Parity mode (POST /__emulator/config {"parity": true}): every provider's model of one family renders the same
 * image for the same prompt, seed and size, as if they all ran the same weights the same way. Off by default, as
 * real providers differ. The emulator shares no code with the app, so the family is read from the model id here.
 */
import type { Ctx } from "./wire";

export function familyOf(modelId: string): string {
  const id = modelId.toLowerCase();
  // ImagePipeline's "sd3" path serves SD3 Medium.
  if (id === "sd3") return "sd3-medium";
  const v35 = /3[._-]?5|v35/.test(id);
  if (id.includes("turbo")) return v35 ? "sd3.5-large-turbo" : "sd3-large-turbo";
  if (id.includes("medium")) return v35 ? "sd3.5-medium" : "sd3-medium";
  return v35 ? "sd3.5-large" : "sd3-large";
}

/** Whose image it is: the provider's label, or in parity mode the model family, so the same family draws alike. */
export function imageOwner(ctx: Ctx, label: string, modelId: string): string {
  return ctx.state.parity ? `${familyOf(modelId)} (parity mode)` : label;
}
