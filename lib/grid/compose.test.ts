import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { parseA1111 } from "@/lib/metadata";
import { generation } from "@/lib/metadata/generation.test-helpers";
import { cellSide, composeGrid } from "./compose";
import { gridInfotext, pictureLayout } from "./export";
import type { StoredGrid } from "./stored";

const solid = (r: number) => sharp({ create: { width: 200, height: 150, channels: 3, background: { r, g: 80, b: 160 } } }).png().toBuffer();

const spec: StoredGrid = {
  version: 1,
  model: { provider: "segmind", model: "stable-diffusion-3.5-large-txt2img" },
  base: { prompt: "a red fox" },
  axes: [
    { kind: "list", field: "steps", name: "Steps", values: [{ label: "20", value: 20 }, { label: "30", value: 30 }, { label: "40", value: 40 }] },
    { kind: "prompt", name: "Prompt S/R", values: [{ label: "red", value: "red" }, { label: "grey", value: "grey" }] },
    { kind: "target", name: "Provider / model", values: [{ label: "Segmind · SD3.5 Large", value: {} }, { label: "fal · SD3.5 Large", value: {} }] },
  ],
  notes: {},
};

describe("the grid PNG", () => {
  it("keeps cells small enough that a big grid stays a few MB", () => {
    expect(cellSide(4)).toBe(512);
    expect(cellSide(25)).toBe(316);
    expect(cellSide(400)).toBe(96);
  });

  it("lays out X across, Y down and one titled block per Z value, with a grey box for a missing cell", async () => {
    const layout = pictureLayout(spec);
    expect(layout.title).toBe("X: Steps   ·   Y: Prompt S/R   ·   Z: Provider / model");
    expect(layout.layerTitles).toEqual(["Provider / model: Segmind · SD3.5 Large", "Provider / model: fal · SD3.5 Large"]);
    const img = await solid(200);
    const cells = [[img, img, null], [img, img, img]];
    const png = await composeGrid({ ...layout, layers: layout.layerTitles.map((title) => ({ title, cells })) });
    const meta = await sharp(png).metadata();
    const side = cellSide(12);
    expect(meta.format).toBe("png");
    // Three columns of cells beside the row labels; two blocks of two rows under their titles.
    expect(meta.width).toBeGreaterThan(3 * side);
    expect(meta.height).toBeGreaterThan(4 * side);
    // The missing cell (x 2, y 0 of the first block) is the grey box, not white.
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    let grey = 0;
    let image = 0;
    for (let i = 0; i < info.width * info.height * info.channels; i += info.channels) {
      if (data[i] === 228 && data[i + 1] === 228 && data[i + 2] === 231) grey++;
      if (data[i] === 200 && data[i + 1] === 80 && data[i + 2] === 160) image++;
    }
    // One missing cell per block, and 5 stored cells per block, each 200×150 fitted into a side×side box.
    expect(grey).toBe(2 * side * side);
    expect(image / (10 * side * side * 0.75)).toBeCloseTo(1, 1);
  });

  // A prompt S/R value is the person's text: NUL in it (Pango refuses it as markup) must not break the whole PNG.
  it("draws a label holding NUL or another control character as the text without it", async () => {
    const picture = (columns: string[]) =>
      composeGrid({ title: "X: Prompt S/R", columns, rows: [""], layers: [{ title: "", cells: [[null, null]] }] });
    const clean = await picture(["a cat", "a dog\nat night"]);
    expect(await picture(["a\0 cat", "a dog\x01\nat night\x1b"])).toEqual(clean);
  });

  it("embeds A1111's X/Y/Z plot parameters with the first cell's settings", () => {
    const first = generation({ provider: "segmind", model: "stable-diffusion-3.5-large-txt2img", input: { prompt: "a red fox", steps: 20, seed: 7 }, sent: { prompt: "a red fox", steps: 20, seed: 7 } });
    const text = gridInfotext(spec, first).a1111;
    const parsed = parseA1111(text);
    expect(parsed.prompt).toBe("a red fox");
    expect(parsed.steps).toBe(20);
    expect(parsed.extra).toMatchObject({ Script: "X/Y/Z plot", "X Type": "Steps", "X Values": "20, 30, 40", "Y Type": "Prompt S/R", "Y Values": "red, grey", "Z Type": "Provider / model" });
  });
});
