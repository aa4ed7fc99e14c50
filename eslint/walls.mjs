// The layer walls, checked by lint (a wall that isn't checked erodes):
// - lib/ is below components/ and app/ and never imports upward; it reaches other folders through the `@/` alias.
// - lib/params/ depends only on zod and knows no provider.
// - components/ never imports app/.
// - a route's _components are private to that route (and the routes nested under it); what two routes share
//   moves to components/ or lib/client/.
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

const upward = {
  group: ["@/components", "@/components/*", "@/app", "@/app/*"],
  message: "lib/ is below components/ and app/: move what lib/ needs into lib/.",
};
const relativeParent = {
  regex: "^\\.\\./",
  message: "Outside its own folder, lib/ imports through the @/ alias (e.g. @/lib/providers/types).",
};
const paramsOnlyZod = {
  regex: "^(?!zod$|@/lib/params/|\\./)",
  message: "lib/params/ is the client-safe parameter layer: it depends only on zod and knows no provider.",
};

/** Which route a file belongs to: its folder, up to the first _components. */
function routeOf(dir) {
  const parts = dir.split("/");
  const i = parts.indexOf("_components");
  return (i < 0 ? parts : parts.slice(0, i)).join("/");
}

/** A route's _components may be imported by that route and the routes nested in it; the root's only by the root. */
export function crossRouteImport(importerFile, specifier) {
  let target;
  if (specifier.startsWith("@/")) target = specifier.slice(2);
  else if (specifier.startsWith(".")) target = path.posix.normalize(path.posix.join(path.posix.dirname(importerFile), specifier));
  else return null;
  const parts = target.split("/");
  const i = parts.indexOf("_components");
  if (i < 0) return null;
  const owner = parts.slice(0, i).join("/");
  const importer = routeOf(path.posix.dirname(importerFile));
  const allowed = importer === owner || (owner !== "app" && importer.startsWith(`${owner}/`));
  return allowed ? null : `${owner}/_components`;
}

const routePrivate = {
  meta: {
    type: "problem",
    docs: { description: "a route's _components stay private to that route" },
    messages: {
      cross: "{{source}} is private to {{owner}}: move what two routes share to components/ or lib/client/.",
    },
    schema: [],
  },
  create(context) {
    const file = path.relative(root, context.filename).split(path.sep).join("/");
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== "string") return;
      const owner = crossRouteImport(file, source);
      if (owner) context.report({ node, messageId: "cross", data: { source, owner } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

const tests = ["**/*.test.ts", "**/*.test.tsx", "**/*.test-helpers.ts"];

export const walls = [
  { plugins: { walls: { rules: { "route-private": routePrivate } } } },
  { files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"], rules: { "walls/route-private": "error" } },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["@/app", "@/app/*"], message: "components/ is below app/." }] }] },
  },
  { files: ["lib/**/*.{ts,tsx}"], rules: { "no-restricted-imports": ["error", { patterns: [upward, relativeParent] }] } },
  {
    files: ["lib/params/**/*.ts"],
    ignores: tests,
    rules: { "no-restricted-imports": ["error", { patterns: [upward, relativeParent, paramsOnlyZod] }] },
  },
];

// Small units: modules under ~250 lines and functions under ~80, React components included (tests aside); see
// docs/adding-a-provider.md for the house rules.
export const sizes = [
  {
    files: ["**/*.{ts,tsx,mjs}"],
    ignores: [...tests, "**/*.spec.ts", "lib/db/generated/**"],
    rules: { "max-lines": ["error", { max: 250, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ["lib/**/*.{ts,tsx}", "app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "emulator/**/*.ts", "scripts/**/*.{ts,mjs}", "e2e/support/**/*.ts", "proxy.ts"],
    ignores: [...tests, "lib/db/generated/**"],
    rules: { "max-lines-per-function": ["error", { max: 80, skipBlankLines: true, skipComments: true }] },
  },
];
