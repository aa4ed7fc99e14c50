import fs from "node:fs/promises";
import path from "node:path";
import type { NextConfig } from "next";

const dev = process.env.NODE_ENV === "development";

/**
 * Sent with every response. Scripts allow 'unsafe-inline' rather than a per-request nonce: Next's own inline
 * bootstrap scripts can only carry a nonce when every page renders per request, which would end static rendering
 * (and caching) of the pages that have it. Everything else is same-origin only; nothing may frame the app (clickjacking
 * of Generate), and `next dev` additionally needs eval and its HMR websocket.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
  // React sets style attributes (image aspect ratios, Radix positioning).
  "style-src 'self' 'unsafe-inline'",
  // data:/blob: for an uploaded input image's preview; https: for a pasted input image URL.
  "img-src 'self' data: blob: https:",
  "font-src 'self' data:",
  `connect-src 'self'${dev ? " ws: wss:" : ""}`,
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
];

/**
 * V8's explicit compile hint (Chrome 136 and later): a script that starts with this comment has all its functions
 * compiled eagerly, on the thread that streams it in, instead of one by one on the main thread the first time each
 * runs. Our chunks are code that runs on load (React, hydration, the page's components), and compiling it lazily
 * was most of the long tasks that Lighthouse counts as blocking time.
 */
const COMPILE_HINT = "//# allFunctionsCalledOnLoad\n";

/**
 * With inlineCss, Next puts the stylesheet into each page's <head> and a second time into the page's RSC data (the
 * <style> element is part of the server component tree the HTML is rendered from), and Turbopack lists it under the
 * built-in global-error boundary for a third (vercel/next.js#98110). The RSC copy is about 13 KiB gzip of every page
 * that the browser never uses: the root layout's <style> is a hoisted resource that React matches by its href, and
 * client navigation keeps the root layout. So the build takes the root layout's stylesheets out of every route's client
 * reference manifest and lists them in INLINE_STYLESHEETS; app/_components/inline-stylesheets.tsx renders them into the
 * HTML only. `next dev` skips this step, and Next inlines the stylesheet as usual.
 */
const ROOT_LAYOUT = "[project]/app/layout";
// Read by app/_components/inline-stylesheets.tsx.
const INLINE_STYLESHEETS = "inline-stylesheets.json";

type CssEntry = { path: string; inlined?: boolean };

function withoutLayoutCss(code: string, taken: Set<string>) {
  return code.replace(/^(globalThis\.__RSC_MANIFEST\[.+?\] = )(\{.*\});?$/m, (_, head: string, json: string) => {
    const manifest = JSON.parse(json) as { entryCSSFiles?: Record<string, CssEntry[]> };
    const files = manifest.entryCSSFiles ?? {};
    const layout = new Set((files[ROOT_LAYOUT] ?? []).filter((entry) => entry.inlined).map((entry) => entry.path));
    for (const file of layout) taken.add(file);
    for (const key of Object.keys(files)) files[key] = files[key]!.filter((entry) => !layout.has(entry.path));
    return `${head}${JSON.stringify(manifest)};`;
  });
}

/** Rewrites every file under `dir` whose name ends with `suffix`, when `edit` changes it. */
async function rewriteFiles(dir: string, suffix: string, edit: (code: string) => string) {
  for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(suffix)) continue;
    const file = path.join(entry.parentPath, entry.name);
    const code = await fs.readFile(file, "utf8");
    const edited = edit(code);
    if (edited !== code) await fs.writeFile(file, edited);
  }
}

const nextConfig: NextConfig = {
  // Lets parallel builds (e.g. several test runs on one machine) use separate output folders.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // sharp and libsql ship native binaries; keep them out of the server bundle.
  serverExternalPackages: ["sharp", "@libsql/client", "libsql", "@prisma/adapter-libsql", "pg", "@prisma/adapter-pg", "@aws-sdk/client-s3"],
  poweredByHeader: false,
  // No next/image anywhere, so no image optimizer: /_next/image is public (static-asset machinery) and fetches local
  // URLs itself, without the visitor's cookies, so it would copy shared images (/s/...) into its own cache, served
  // publicly for hours after the share is revoked. Unoptimized, it answers 404.
  images: { unoptimized: true },
  compiler: {
    runAfterProductionCompile: async ({ distDir }) => {
      await rewriteFiles(path.join(distDir, "static", "chunks"), ".js", (code) => (code.startsWith(COMPILE_HINT) ? code : COMPILE_HINT + code));
      const taken = new Set<string>();
      await rewriteFiles(path.join(distDir, "server", "app"), "_client-reference-manifest.js", (code) => withoutLayoutCss(code, taken));
      await fs.writeFile(path.join(distDir, "server", INLINE_STYLESHEETS), JSON.stringify([...taken]));
    },
  },
  experimental: {
    // One body limit everywhere (lib/limits.ts MAX_BODY_BYTES, 14 MB): a 10 MB input image as a data URL plus the
    // form. The proxy refuses larger declared bodies with 413; its buffer is one MB larger so that a body without a
    // Content-Length is never cut below the limit, and the route's own count then refuses it.
    serverActions: { bodySizeLimit: "14mb" },
    proxyClientMaxBodySize: "15mb",
    // The stylesheet (about 14 KiB gzip, Tailwind) goes into each page's <head>: no render-blocking request before the
    // first paint, which then comes before the scripts have arrived and run.
    inlineCss: true,
  },
  async headers() {
    return [
      // Pages, routes and actions. Not the build's static files: a policy or frame rule on a script does nothing (they
      // apply to documents), and its ~330 bytes rode along with every chunk of every page load.
      { source: "/((?!_next/static/).*)", headers: securityHeaders },
      { source: "/_next/static/:path*", headers: [{ key: "X-Content-Type-Options", value: "nosniff" }] },
    ];
  },
};

export default nextConfig;
