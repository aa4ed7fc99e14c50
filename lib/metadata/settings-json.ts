import type { GenerationDTO } from "@/lib/db/dto";

/** Our own embedded JSON (PNG `sd3-playground` text, EXIF ImageDescription). Client-safe constants and shape. */
export const SETTINGS_APP = "sd3-playground";
export const SETTINGS_VERSION = 1;

export interface PlaygroundSettingsJson {
  app: typeof SETTINGS_APP;
  version: typeof SETTINGS_VERSION;
  provider: string;
  model: string;
  /** The form input (what "use these settings" loads back). */
  input: Record<string, unknown>;
  /** The request body as sent to the provider. */
  sent: Record<string, unknown> | null;
  seed: string | null;
  timings: GenerationDTO["timings"];
  cost: GenerationDTO["cost"];
  createdAt: string;
  emulated: boolean;
}
