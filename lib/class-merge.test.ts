import fs from "node:fs";
import path from "node:path";
import { twMerge } from "tailwind-merge";
import { describe, expect, it } from "vitest";
import { mergeClasses } from "./class-merge";

const ROOT = path.resolve(import.meta.dirname, "..");

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return sources(rel);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith(".test.ts") ? [fs.readFileSync(path.join(ROOT, rel), "utf8")] : [];
  });
}

/** Every string literal that looks like a class list: what the components join and what callers pass them. */
function classLists(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(/"([^"\n]*)"|`([^`$\n]*)`/g)) {
    const s = (m[1] ?? m[2] ?? "").trim();
    if (s.includes(" ") || /^[a-z!-][\w:/.[\]()>*&%#=,'!-]*$/.test(s)) {
      if (/^[\w:/.[\]()>*&%#=,'! -]+$/.test(s) && /(^|\s)-?[a-z]+-[\w[]/.test(s)) out.push(s);
    }
  }
  return out;
}

const ui = [...new Set(sources("components/ui").flatMap(classLists))];
const callers = [...new Set([...sources("app"), ...sources("components")].flatMap(classLists))];

describe("mergeClasses", () => {
  it("overrides within a group and a shorthand's longhands, keeps different variants and unknown classes", () => {
    expect(mergeClasses("h-8 gap-1.5 px-3 has-[>svg]:px-2.5 h-6 gap-1 px-1.5 text-xs")).toBe("has-[>svg]:px-2.5 h-6 gap-1 px-1.5 text-xs");
    expect(mergeClasses("px-3 py-2 p-4")).toBe("p-4");
    expect(mergeClasses("p-4 px-2")).toBe("p-4 px-2");
    expect(mergeClasses("text-sm text-muted-foreground text-xs")).toBe("text-muted-foreground text-xs");
    expect(mergeClasses("bg-secondary text-secondary-foreground bg-background/90")).toBe("text-secondary-foreground bg-background/90");
    expect(mergeClasses("group/item peer size-4 hover:size-5 size-3")).toBe("group/item peer hover:size-5 size-3");
  });

  it("answers as tailwind-merge does for every class list the app joins with those its callers pass", () => {
    expect(ui.length).toBeGreaterThan(50);
    expect(callers.length).toBeGreaterThan(300);
    const differ: string[] = [];
    // A component's base with its variants (cva) and with what a caller passes.
    for (const base of ui) {
      for (const extra of ["", ...ui, ...callers]) {
        const list = `${base} ${extra}`.trim();
        const ours = mergeClasses(list);
        const theirs = twMerge(list);
        if (ours !== theirs) differ.push(`${list}\n  ours:   ${ours}\n  theirs: ${theirs}`);
      }
    }
    expect(differ.slice(0, 6), `${differ.length} lists differ`).toEqual([]);
  });
});
