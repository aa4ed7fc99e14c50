import { describe, expect, it } from "vitest";
import { generation } from "./metadata/generation.test-helpers";
import { decodeImageDataUrl, inputImagePath, linkInputImages, withoutInlineImages } from "./input-images";

const png = `data:image/png;base64,${Buffer.from("fake png bytes").toString("base64")}`;

describe("input images", () => {
  it("are recorded once: `sent` keeps a note where the request carried the image", () => {
    const sent = withoutInlineImages({ input: { image: png, prompt: "x" }, list: [png] });
    expect(JSON.stringify(sent)).not.toContain("base64");
    expect(sent).toEqual({ input: { image: "[input image, 0 KB: stored with the input]", prompt: "x" }, list: ["[input image, 0 KB: stored with the input]"] });
  });

  it("are linked, not inlined, in what pages and the API send", () => {
    const g = linkInputImages(generation({ id: "g1", input: { image: png, prompt: "x" }, sent: { input: { image: png } } }));
    expect(g.input).toEqual({ image: inputImagePath("g1", "image"), prompt: "x" });
    expect(g.sent).toEqual({ input: { image: "/api/generations/g1/input/image" } });
    expect(JSON.stringify(g)).not.toContain("base64");
    const noted = linkInputImages(generation({ id: "g2", input: { image: png }, sent: withoutInlineImages({ input: { image: png } }) }));
    expect(noted.sent).toEqual({ input: { image: "/api/generations/g2/input/image" } });
  });

  it("are data URLs only: a prompt that starts with \"data:\" is text, sent and shown as written", () => {
    const negative = "data: charts, tables, watermark";
    expect(withoutInlineImages({ negative_prompt: negative })).toEqual({ negative_prompt: negative });
    const g = linkInputImages(generation({ id: "g3", input: { negative_prompt: negative }, sent: { negative_prompt: negative } }));
    expect([g.input.negative_prompt, g.sent?.negative_prompt]).toEqual([negative, negative]);
  });

  it("decode only base64 images of an accepted type", () => {
    expect(decodeImageDataUrl(png, ["image/png"])).toEqual({ mime: "image/png", bytes: new Uint8Array(Buffer.from("fake png bytes")) });
    expect(decodeImageDataUrl(png, ["image/jpeg"])).toBeNull();
    expect(decodeImageDataUrl("data:text/html;base64,PGI+", ["image/png"])).toBeNull();
    expect(decodeImageDataUrl("https://example.com/x.png", ["image/png"])).toBeNull();
  });
});
