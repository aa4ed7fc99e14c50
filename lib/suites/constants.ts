/** A suite's limits, without zod, so light client pages can show them. */

/** At most this many prompts in one suite. */
export const MAX_SUITE_PROMPTS = 1000;
/** The longest prompt any suite keeps (the shared form's limit); each target's own limit is checked at run time. */
export const MAX_PROMPT_CHARS = 4000;
export const MAX_NAME_CHARS = 120;
/** Pasted text or an uploaded file's text: room for a full suite of long prompts, quoted. */
export const MAX_SUITE_TEXT_CHARS = MAX_SUITE_PROMPTS * (MAX_PROMPT_CHARS + 100);
export const MAX_CATEGORY_CHARS = 60;
