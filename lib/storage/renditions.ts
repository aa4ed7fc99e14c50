/**
 * The sizes every original is also kept at, as WebP. The thumbnail fills grids and lists; the view fills a result
 * card or a share's hero, where a provider's 1–2 MB PNG would be most of the page's weight. Originals stay as the
 * provider sent them, for download, full-screen viewing and A/B.
 */
export const RENDITIONS = {
  thumb: { dir: "thumbs", width: 512, quality: 78 },
  view: { dir: "views", width: 1024, quality: 80 },
} as const;
export type Rendition = keyof typeof RENDITIONS;
export const renditionKinds = Object.keys(RENDITIONS) as Rendition[];

/** Where a rendition of the stored original `file` (`ab/<sha256>.<ext>`) lives: under its own folder, by the same hash. */
export function renditionFile(file: string, kind: Rendition) {
  return `${RENDITIONS[kind].dir}/${file.replace(/\.[a-z0-9]+$/, "")}.webp`;
}
