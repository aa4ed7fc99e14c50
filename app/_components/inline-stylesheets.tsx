import "server-only";
import fs from "node:fs";
import path from "node:path";
import { INLINE_CSS } from "./inline-css-key";
import { InlineStyle } from "./inline-style";

/** The build's list of root layout stylesheets it took out of the RSC data (next.config.ts, withoutLayoutCss). */
const LIST = "inline-stylesheets.json";

function load(): Map<string, string> {
  // next dev inlines the stylesheet itself, and a production build's list may still lie in the folder.
  if (process.env.NODE_ENV !== "production") return new Map();
  const dist = path.join(/*turbopackIgnore: true*/ process.cwd(), process.env.NEXT_DIST_DIR ?? ".next");
  const list = path.join(/*turbopackIgnore: true*/ dist, "server", LIST);
  // Every production build writes the list. Without it the pages would go out unstyled, so say why, once.
  if (!fs.existsSync(list)) {
    console.error(`No stylesheet list at ${list}: pages are served without their styles. Start the app from the project folder, with the NEXT_DIST_DIR it was built with.`);
    return new Map();
  }
  const files = JSON.parse(fs.readFileSync(list, "utf8")) as string[];
  return new Map(files.map((file) => [`/_next/${file}`, fs.readFileSync(path.join(/*turbopackIgnore: true*/ dist, file), "utf8")]));
}

const sheets: Map<string, string> = ((globalThis as Record<symbol, unknown>)[INLINE_CSS] as Map<string, string>) ?? load();
(globalThis as Record<symbol, unknown>)[INLINE_CSS] = sheets;

/**
 * The root layout's stylesheets, inline in the HTML's <head> as Next's inlineCss puts them, but not in the RSC data:
 * only their hrefs cross to InlineStyle, which reads the text during server rendering.
 */
export function InlineStylesheets() {
  return [...sheets.keys()].map((href) => <InlineStyle key={href} href={href} />);
}
