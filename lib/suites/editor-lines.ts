import type { SuitePrompt } from "./types";

/* Where a suite's prompts sit in the editor's text (lib/suites/import.ts exportPrompts), without the CSV reader, for
 * the run page's checks in the browser. */

/** Whether a suite's prompts fit the editor as plain lines: no categories and no line breaks in a prompt. */
export const fitsLines = (prompts: SuitePrompt[]) => prompts.every((p) => p.category === null && !/[\r\n]/.test(p.text));

/**
 * The line each prompt starts on in the text `exportPrompts` gives the editor: prompt n is line n as plain lines, but
 * in CSV the header comes first and a prompt with line breaks takes several lines.
 */
export function editorLines(prompts: SuitePrompt[]): number[] {
  if (fitsLines(prompts)) return prompts.map((_, i) => i + 1);
  const breaks = (s: string | null) => s?.match(/\r\n|\r|\n/g)?.length ?? 0;
  let line = 2;
  return prompts.map((p) => {
    const at = line;
    line += 1 + breaks(p.text) + breaks(p.category);
    return at;
  });
}
