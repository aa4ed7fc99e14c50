import type { CSSProperties } from "react";

export interface AbSize {
  width: number;
  height: number;
}

/** Keep tall images within the viewport without breaking their ratio: the box narrows instead of letterboxing. */
const MAX_HEIGHT_VH = 80;

const known = ({ width, height }: AbSize) => width > 0 && height > 0;
const ratio = (s: AbSize) => (known(s) ? s.width / s.height : 1);

function boxStyle(size: AbSize): CSSProperties {
  return {
    aspectRatio: known(size) ? `${size.width} / ${size.height}` : "1 / 1",
    width: `min(100%, calc(${MAX_HEIGHT_VH}dvh * ${ratio(size)}))`,
  };
}

/**
 * The boxes the A/B view reserves from the stored sizes, so nothing shifts as the images load. Side by side, each
 * image's box has its own ratio. The slider's one box takes the taller image's ratio: both images then span its
 * whole width (the divider crosses the same column of each) and neither is cropped, whichever one is A.
 */
export function abBoxes(a: AbSize, b: AbSize): { sides: [CSSProperties, CSSProperties]; slider: CSSProperties } {
  return { sides: [boxStyle(a), boxStyle(b)], slider: boxStyle(ratio(b) < ratio(a) ? b : a) };
}
