export { AbCompare, type AbImage } from "./ab-compare";
export { Lightbox, type LightboxItem } from "./lightbox";
export { ParamDiff } from "./param-diff";
