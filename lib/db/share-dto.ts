import type { GenerationStatus } from "./dto";

/** Client-safe shapes for shared links. What a shared page receives holds only what the share reveals. */

export type ShareKind = "generation" | "run";
/** Shares that are not of a run: what they show is rebuilt from their stored params on every visit. */
export type ViewShareKind = "scorecard" | "leaderboard" | "arena";

/** One image as a shared page may show it: URLs under the share's own /s/<token>/ routes. */
export interface SharedImageDTO {
  id: string;
  index: number;
  url: string;
  thumbUrl: string;
  viewUrl: string;
  width: number;
  height: number;
}

export interface SharedTargetDTO {
  id: string;
  provider: string;
  model: string;
  emulated: boolean;
  status: GenerationStatus;
  images: SharedImageDTO[];
  /** Only when the share includes the prompt and parameters. */
  seed: string | null;
  /** Parameters as sent (else the validated input); null when the share hides them. */
  params: Record<string, unknown> | null;
  /** For a comparison target: what this target set apart from the shared values; null when hidden. */
  overrides: Record<string, unknown> | null;
}

export interface SharedViewDTO {
  token: string;
  kind: ShareKind;
  includePrompt: boolean;
  sharedAt: string;
  /** null when the share hides the prompt. */
  prompt: string | null;
  /** A comparison's shared values (size, seed, steps, ...); null when hidden or not a comparison. */
  settings: Record<string, unknown> | null;
  targets: SharedTargetDTO[];
}

/** A share as the owner sees it on /shares. */
export interface ShareListItemDTO {
  id: string;
  token: string;
  path: string;
  kind: ShareKind | ViewShareKind;
  includePrompt: boolean;
  createdAt: string;
  /** The owner's own page for what is shared. */
  href: string;
  runId: string | null;
  generationId: string | null;
  runKind: "single" | "compare" | null;
  /** The prompt, or for a scorecard, leaderboard or arena a one-line description of it. */
  prompt: string;
  targetCount: number;
  /** The owner's private thumbnail of the first image, if any. */
  thumbUrl: string | null;
  /** "Provider · Model" of the shared generation, or of each target of the run. */
  labels: { provider: string; model: string }[];
}

export interface CreatedShareDTO {
  id: string;
  token: string;
  path: string;
  includePrompt: boolean;
  createdAt: string;
}
