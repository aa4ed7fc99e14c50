import "@/lib/zod-setup";
import { z } from "zod";
import { MAX_CATEGORY_CHARS, MAX_PROMPT_CHARS } from "./constants";

export { MAX_CATEGORY_CHARS, MAX_NAME_CHARS, MAX_PROMPT_CHARS, MAX_SUITE_PROMPTS, MAX_SUITE_TEXT_CHARS } from "./constants";

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
