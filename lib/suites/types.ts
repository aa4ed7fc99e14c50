import { z } from "zod";

/** At most this many prompts in one suite. */
export const MAX_SUITE_PROMPTS = 1000;
/** The longest prompt any suite keeps (the shared form's limit); each target's own limit is checked at run time. */
export const MAX_PROMPT_CHARS = 4000;
export const MAX_NAME_CHARS = 120;
export const MAX_CATEGORY_CHARS = 60;

export const suitePromptSchema = z.strictObject({
  text: z.string().min(1).max(MAX_PROMPT_CHARS),
  category: z.string().max(MAX_CATEGORY_CHARS).nullable(),
});

export type SuitePrompt = z.infer<typeof suitePromptSchema>;

export interface SuiteDTO {
  id: string;
  name: string;
  prompts: SuitePrompt[];
  revision: number;
  createdAt: string;
  updatedAt: string;
}

/** A suite in a list: no prompts, their count and categories. */
export interface SuiteSummaryDTO {
  id: string;
  name: string;
  count: number;
  categories: string[];
  revision: number;
  updatedAt: string;
}
