import { describe, expect, it } from "vitest";
import nextConfig from "@/next.config";
import { MAX_BODY_BYTES, MAX_IMAGE_BYTES } from "./limits";
import { formatBytes } from "@/lib/format";

const MiB = 1024 * 1024;
const parseSize = (size: unknown) => Number(/^(\d+)mb$/.exec(String(size))?.[1]) * MiB;

describe("the upload limit", () => {
  it("is the same in next.config as in lib/limits, with the proxy's buffer above it", () => {
    expect(parseSize(nextConfig.experimental?.serverActions?.bodySizeLimit)).toBe(MAX_BODY_BYTES);
    expect(parseSize(nextConfig.experimental?.proxyClientMaxBodySize)).toBeGreaterThan(MAX_BODY_BYTES);
  });

  it("fits the largest input image as a data URL, and not one a megabyte larger", () => {
    const dataUrl = (bytes: number) => "data:image/png;base64,".length + Math.ceil(bytes / 3) * 4;
    expect(dataUrl(MAX_IMAGE_BYTES) + 64 * 1024).toBeLessThan(MAX_BODY_BYTES);
    expect(dataUrl(MAX_IMAGE_BYTES + MiB)).toBeGreaterThan(MAX_BODY_BYTES);
    expect(formatBytes(MAX_IMAGE_BYTES)).toBe("10 MB");
  });
});
