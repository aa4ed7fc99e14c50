import localFont from "next/font/local";

/**
 * Geist, as the `geist` package declares it, but neither preloaded nor swapped in late: with `optional` the first
 * paint uses the system face and keeps it, so text never re-renders (a late swap made the prompt the page's largest
 * contentful paint, seconds after first paint on a slow phone). Later pages use the font from cache.
 */
export const sans = localFont({
  src: "../../node_modules/geist/dist/fonts/geist-sans/Geist-Variable.woff2",
  variable: "--font-geist-sans",
  weight: "100 900",
  display: "optional",
  preload: false,
});
