import type { GenerationDTO, ImageDTO, RunDTO } from "@/lib/db/dto";
import { withoutInlineImages } from "@/lib/input-images";
import { editorLines } from "@/lib/suites/editor-lines";
import { readSuiteSpec } from "@/lib/suites/run-spec";

/** What a gallery zip says about its contents: every run → generation, and which file holds each image. */

const extensions: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "image/gif": "gif",
  "image/avif": "avif",
};

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48) || "x";

/** `images/2026-11-21_0557_aimlapi_stable-diffusion-v35-large_1e548928[-2].png`: sortable by time, unique per image. */
export function imageFileName(run: RunDTO, g: GenerationDTO, img: ImageDTO): string {
  const when = run.createdAt.slice(0, 16).replace("T", "_").replace(":", "");
  const suffix = img.index > 0 ? `-${img.index + 1}` : "";
  return `images/${when}_${slug(g.provider)}_${slug(g.model)}_${g.id.slice(0, 8)}${suffix}.${extensions[img.mime] ?? "bin"}`;
}

export interface ManifestImage {
  /** Path inside the zip; null when the stored file was missing and is not included. */
  file: string | null;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  nsfw: boolean | null;
}

/** Which prompt of its suite a suite run's generation ran. */
export interface ManifestSuitePrompt {
  /** 1-based, as the run's grid numbers its rows. */
  number: number;
  /** The line it starts on in the suite's editor, as the suite was when it ran (after a CSV's header). */
  line: number;
  category: string | null;
}

export function generationManifest(g: GenerationDTO, fileOf: (img: ImageDTO) => string | null, suitePrompt?: ManifestSuitePrompt | null) {
  return {
    id: g.id,
    position: g.position,
    provider: g.provider,
    model: g.model,
    emulated: g.emulated,
    prompt: g.prompt,
    // Absent where no run could have one (a grid's zip), null in the gallery's for runs not started from a suite.
    ...(suitePrompt !== undefined && { suitePrompt }),
    status: g.status,
    // An uploaded input image (a data URL of up to ~13 MB) is a note here, as in `sent`: one per cell would make the
    // manifest too long for one string, and the download would break partway.
    /** The wire body exactly as sent to the provider (never the key); null if it was never sent. */
    parameters: g.sent && withoutInlineImages(g.sent),
    /** The form input, as "use these settings" loads it back. */
    input: withoutInlineImages(g.input),
    seed: g.seed,
    timings: {
      createdAt: g.createdAt,
      startedAt: g.startedAt,
      finishedAt: g.finishedAt,
      waitMs: g.timings.waitMs,
      providerMs: g.timings.providerMs,
      downloadMs: g.timings.downloadMs,
    },
    cost: g.cost,
    error: g.error,
    warnings: g.warnings,
    providerRequestId: g.providerRequestId,
    images: g.images.map(
      (img): ManifestImage => ({
        file: fileOf(img),
        mime: img.mime,
        width: img.width,
        height: img.height,
        bytes: img.bytes,
        nsfw: img.nsfw,
      }),
    ),
  };
}

export function buildManifest(runs: RunDTO[], fileOf: (img: ImageDTO) => string | null, exportedAt = new Date()) {
  return {
    format: "sd3-playground-export",
    version: 1,
    exportedAt: exportedAt.toISOString(),
    runs: runs.map((run) => {
      const promptOf = suitePromptOf(run);
      return {
        id: run.id,
        kind: run.kind,
        createdAt: run.createdAt,
        prompt: run.prompt,
        favorite: run.favorite,
        generations: run.generations.map((g) => generationManifest(g, fileOf, promptOf(g))),
      };
    }),
  };
}

/** For a suite run, each generation's prompt by its cell's row (y); null for every other run. */
function suitePromptOf(run: RunDTO): (g: GenerationDTO) => ManifestSuitePrompt | null {
  const spec = run.kind === "suite" ? readSuiteSpec(run.spec) : null;
  if (!spec) return () => null;
  const prompts = spec.prompts.map((p) => ({ text: p.text, category: p.category ?? null }));
  const lines = editorLines(prompts);
  return (g) => {
    const y = g.cell?.y;
    if (y == null || !prompts[y]) return null;
    return { number: y + 1, line: lines[y]!, category: prompts[y].category };
  };
}

export type Manifest = ReturnType<typeof buildManifest>;
