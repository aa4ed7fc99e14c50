/*
 * A small stand-in for tailwind-merge (whose class table alone is 7 KiB gzip on every page with a form): a later
 * utility overrides an earlier one of the same group under the same variants ("h-8 … h-6" → "h-6"), and a shorthand
 * overrides its longhands ("px-3 … p-2" → "p-2"). It knows the utilities this app writes; anything it does not know
 * is kept as is. lib/class-merge.test.ts checks it against tailwind-merge over every class list in the app.
 */

const sizes = /^(xs|sm|base|lg|xl|[2-9]xl)(\/.*)?$/;
/** An arbitrary value that is a length ("[11px]", "[calc(…)]"), as opposed to a colour. */
const length = /^\[(length:|-?\d|calc\(|var\(--spacing)/;
const keyword = (groups: Record<string, string[]>) =>
  new Map(Object.entries(groups).flatMap(([group, words]) => words.map((w) => [w, group] as const)));

/** Utilities that are one word. */
const words = keyword({
  display: ["block", "inline-block", "inline", "flex", "inline-flex", "grid", "inline-grid", "hidden", "contents", "table", "table-row", "table-cell", "flow-root", "list-item"],
  position: ["static", "fixed", "absolute", "relative", "sticky"],
  visibility: ["visible", "invisible", "collapse"],
  sr: ["sr-only", "not-sr-only"],
  "font-style": ["italic", "not-italic"],
  "text-transform": ["uppercase", "lowercase", "capitalize", "normal-case"],
  "text-decoration-line": ["underline", "overline", "line-through", "no-underline"],
  smoothing: ["antialiased", "subpixel-antialiased"],
  "fvn-spacing": ["tabular-nums", "proportional-nums"],
  "text-overflow": ["truncate"],
  grow: ["grow"],
  shrink: ["shrink"],
  "border-w": ["border"],
  rounded: ["rounded"],
  shadow: ["shadow"],
  ring: ["ring"],
  outline: ["outline"],
  transition: ["transition"],
  isolation: ["isolate", "isolation-auto"],
});

/** Utilities with a value, by prefix: longest prefix first. A function picks the group from the value. */
type Rule = string | ((value: string) => string);
const prefixes: [string, Rule][] = [
  ["text", (v) => (sizes.test(v) || length.test(v) ? "font-size" : /^(left|center|right|justify|start|end)$/.test(v) ? "text-align" : /^(ellipsis|clip)$/.test(v) ? "text-overflow" : /^(wrap|nowrap|balance|pretty)$/.test(v) ? "text-wrap" : "text-color")],
  ["font", (v) => (/^(thin|extralight|light|normal|medium|semibold|bold|extrabold|black)$/.test(v) ? "font-weight" : "font-family")],
  ["bg", (v) => (/^(linear|radial|conic|none$|\[url)/.test(v) ? "bg-image" : /^(cover|contain|auto)$/.test(v) ? "bg-size" : /^(center|top|bottom|left|right)/.test(v) ? "bg-position" : /^(fixed|local|scroll)$/.test(v) ? "bg-attachment" : /^(repeat|no-repeat)/.test(v) ? "bg-repeat" : /^clip-/.test(v) ? "bg-clip" : "bg-color")],
  ["border-spacing", "border-spacing"],
  ["border", (v) => (/^(\d+|\[\d.*px\])$/.test(v) ? "border-w" : /^(solid|dashed|dotted|double|hidden|none)$/.test(v) ? "border-style" : /^(collapse|separate)$/.test(v) ? "border-collapse" : /^[xytrblse](-\d+)?$/.test(v) ? `border-w-${v.split("-")[0]}` : "border-color")],
  ["rounded", (v) => (/^(t|r|b|l|s|e|tl|tr|br|bl|ss|se|es|ee)(-|$)/.test(v) ? `rounded-${v.split("-")[0]}` : "rounded")],
  ["shadow", (v) => (/^(2xs|xs|sm|md|lg|xl|2xl|none|inner)$/.test(v) || /^\[.*_/.test(v) ? "shadow" : "shadow-color")],
  ["ring-offset", (v) => (/^\d+$/.test(v) ? "ring-offset-w" : "ring-offset-color")],
  ["ring", (v) => (/^(\d+|inset)$/.test(v) || length.test(v) ? (v === "inset" ? "ring-inset" : "ring") : "ring-color")],
  ["outline-offset", "outline-offset"],
  ["outline", (v) => (/^(\d+|none|hidden)$/.test(v) ? "outline" : /^(solid|dashed|dotted|double)$/.test(v) ? "outline-style" : "outline-color")],
  ["flex", (v) => (/^(row|col)/.test(v) ? "flex-direction" : /^(wrap|nowrap|wrap-reverse)$/.test(v) ? "flex-wrap" : "flex")],
  ["grid-cols", "grid-cols"], ["grid-rows", "grid-rows"], ["grid-flow", "grid-flow"], ["auto-rows", "auto-rows"], ["auto-cols", "auto-cols"],
  ["col-span", "col"], ["col-start", "col-start"], ["col-end", "col-end"],
  ["row-span", "row"], ["row-start", "row-start"], ["row-end", "row-end"],
  ["justify-items", "justify-items"], ["justify-self", "justify-self"], ["justify", "justify"],
  ["place-items", "place-items"], ["place-content", "place-content"], ["place-self", "place-self"],
  ["items", "items"], ["self", "self"], ["content", (v) => (/^(center|start|end|between|around|evenly|stretch|baseline|normal)$/.test(v) ? "align-content" : "content")],
  ["min-w", "min-w"], ["min-h", "min-h"], ["max-w", "max-w"], ["max-h", "max-h"],
  ["size", "size"], ["w", "w"], ["h", "h"],
  ["gap-x", "gap-x"], ["gap-y", "gap-y"], ["gap", "gap"], ["space-x", "space-x"], ["space-y", "space-y"],
  ...["p", "px", "py", "pt", "pr", "pb", "pl", "ps", "pe", "m", "mx", "my", "mt", "mr", "mb", "ml", "ms", "me"].map((p): [string, Rule] => [p, p]),
  ["scroll-mt", "scroll-mt"], ["scroll-my", "scroll-my"], ["scroll-m", "scroll-m"], ["field-sizing", "field-sizing"],
  ["inset-x", "inset-x"], ["inset-y", "inset-y"], ["inset", "inset"], ["top", "top"], ["right", "right"], ["bottom", "bottom"], ["left", "left"],
  ["z", "z"], ["order", "order"], ["basis", "basis"], ["grow", "grow"], ["shrink", "shrink"],
  ["leading", "leading"], ["tracking", "tracking"], ["whitespace", "whitespace"], ["break", (v) => (/^(before|after|inside)/.test(v) ? `break-${v.split("-")[0]}` : "break")],
  ["line-clamp", "line-clamp"], ["overflow-x", "overflow-x"], ["overflow-y", "overflow-y"], ["overflow", "overflow"],
  ["opacity", "opacity"], ["cursor", "cursor"], ["select", (v) => (/^(none|text|all|auto)$/.test(v) ? "select" : "")], ["pointer-events", "pointer-events"],
  ["touch", (v) => (/^pan-(x|left|right)$/.test(v) ? "touch-x" : /^pan-(y|up|down)$/.test(v) ? "touch-y" : v === "pinch-zoom" ? "touch-pz" : "touch")],
  ["transition", "transition"], ["duration", "duration"], ["ease", "ease"], ["delay", "delay"],
  // Only Tailwind's own animations: our named ones (animate-enter…) stay as written, as tailwind-merge leaves them.
  ["animate", (v) => (/^(spin|ping|pulse|bounce|none|\[.*\])$/.test(v) ? "animate" : "")],
  ["translate-x", "translate-x"], ["translate-y", "translate-y"], ["scale", "scale"], ["rotate", "rotate"], ["origin", "origin"],
  ["object", (v) => (/^(contain|cover|fill|none|scale-down)$/.test(v) ? "object-fit" : "object-position")],
  ["aspect", "aspect"], ["fill", "fill"], ["stroke", "stroke"], ["underline-offset", "underline-offset"], ["decoration", "decoration"],
  ["accent", "accent"], ["caret", "caret"], ["resize", "resize"], ["appearance", "appearance"], ["align", "align"],
  ["backdrop-blur", "backdrop-blur"], ["blur", "blur"], ["columns", "columns"], ["list", "list"], ["will-change", "will-change"],
];

/** What setting a group also overrides when it comes later (a shorthand over its longhands). */
const overrides: Record<string, string[]> = {
  p: ["px", "py", "pt", "pr", "pb", "pl", "ps", "pe"],
  px: ["pr", "pl", "ps", "pe"],
  py: ["pt", "pb"],
  m: ["mx", "my", "mt", "mr", "mb", "ml", "ms", "me"],
  mx: ["mr", "ml", "ms", "me"],
  my: ["mt", "mb"],
  size: ["w", "h"],
  gap: ["gap-x", "gap-y"],
  inset: ["inset-x", "inset-y", "top", "right", "bottom", "left"],
  "inset-x": ["right", "left"],
  "inset-y": ["top", "bottom"],
  overflow: ["overflow-x", "overflow-y"],
  rounded: ["rounded-t", "rounded-r", "rounded-b", "rounded-l", "rounded-s", "rounded-e", "rounded-tl", "rounded-tr", "rounded-br", "rounded-bl", "rounded-ss", "rounded-se", "rounded-es", "rounded-ee"],
  "border-w": ["border-w-x", "border-w-y", "border-w-t", "border-w-r", "border-w-b", "border-w-l", "border-w-s", "border-w-e"],
  "font-size": ["leading"],
  flex: ["basis", "grow", "shrink"],
  "line-clamp": ["overflow", "display"],
  touch: ["touch-x", "touch-y", "touch-pz"],
};

/** The prefixes by their first word ("border-spacing" under "border"), in the order above: a utility is tried against
 * its own first word's few prefixes only, not all 120 (hydrating `/` merges a few hundred lists). */
const byHead = new Map<string, [string, Rule][]>();
for (const entry of prefixes) {
  const head = entry[0].split("-")[0]!;
  byHead.set(head, [...(byHead.get(head) ?? []), entry]);
}

function groupOf(utility: string): string | null {
  const word = words.get(utility);
  if (word) return word;
  const arbitrary = /^\[([a-z-]+):/.exec(utility);
  if (arbitrary) return `[${arbitrary[1]}]`;
  for (const [prefix, rule] of byHead.get(utility.split("-")[0]!) ?? []) {
    if (!utility.startsWith(`${prefix}-`)) continue;
    const value = utility.slice(prefix.length + 1);
    return (typeof rule === "string" ? rule : rule(value)) || null;
  }
  return null;
}

/** "hover:md:-mx-1!" → variants "hover:md:", group "mx"; null for a class this does not know. */
function parse(cls: string): { variants: string; group: string } | null {
  let depth = 0;
  let cut = 0;
  // Most classes have no variant: only a class with a colon is walked (a colon inside brackets is not a variant's).
  for (let i = cls.indexOf(":") < 0 ? cls.length : 0; i < cls.length; i++) {
    const c = cls[i];
    if (c === "[" || c === "(") depth++;
    else if (c === "]" || c === ")") depth--;
    else if (c === ":" && depth === 0) cut = i + 1;
  }
  const important = cls.includes("!");
  let utility = cut ? cls.slice(cut) : cls;
  if (important) utility = utility.replace(/^!|!$/g, "");
  if (utility.startsWith("-")) utility = utility.slice(1);
  const group = groupOf(utility);
  return group ? { variants: `${cls.slice(0, cut)}${important ? "!" : ""}`, group } : null;
}

// Components join the same few lists on every render: remember the answers (tailwind-merge keeps 500 too).
const cache = new Map<string, string>();

/** Drop every class that a later class of the same group (and variants) overrides. */
export function mergeClasses(classList: string): string {
  const known = cache.get(classList);
  if (known !== undefined) return known;
  const merged = merge(classList);
  if (cache.size >= 500) cache.clear();
  cache.set(classList, merged);
  return merged;
}

function merge(classList: string): string {
  const classes = classList.split(/\s+/).filter(Boolean);
  const taken = new Set<string>();
  const kept: string[] = [];
  for (let i = classes.length - 1; i >= 0; i--) {
    const cls = classes[i]!;
    const parsed = parse(cls);
    if (!parsed) {
      kept.push(cls);
      continue;
    }
    const key = parsed.variants + parsed.group;
    if (taken.has(key)) continue;
    taken.add(key);
    for (const longhand of overrides[parsed.group] ?? []) taken.add(parsed.variants + longhand);
    kept.push(cls);
  }
  return kept.reverse().join(" ");
}
