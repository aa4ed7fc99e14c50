/*
 * The wording of every validation message, from a field's label and range ("Steps must be between 1 and 50",
 * "Write a prompt"). Zod-free: the server's zod error map (./human-errors.ts) and the browser's descriptor
 * validator (./validate.ts) both say things through these functions, so the two never drift apart.
 */

export const fmt = (n: number) => (Number.isSafeInteger(n) || Math.abs(n) < 1e6 ? String(n) : n.toExponential(0));

const bounded = (n: number | undefined): n is number =>
  n !== undefined && Number.isFinite(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER;

export const words = {
  required: (label: string, isPrompt: boolean) => (isPrompt ? "Write a prompt" : `${label} is required`),
  /** A string shorter than its minimum (an empty required text). */
  tooShort: (label: string, isPrompt: boolean) => (isPrompt ? "Write a prompt" : `Write the ${label.toLowerCase()}`),
  tooLong: (label: string, max: number) => `${label} must be at most ${fmt(max)} characters`,
  range(label: string, min: number | undefined, max: number | undefined): string {
    if (bounded(min) && bounded(max)) return `${label} must be between ${fmt(min)} and ${fmt(max)}`;
    if (bounded(min)) return `${label} must be at least ${fmt(min)}`;
    if (bounded(max)) return `${label} must be at most ${fmt(max)}`;
    return `${label} must be a number in range`;
  },
  wholeNumber: (label: string) => `${label} must be a whole number`,
  number: (label: string) => `${label} must be a number`,
  /** A number sent as a JSON string ("1097709629", as a seed reads back from the API): say how to send it. */
  numberNotText: (label: string, text: string) => `${label} must be a number, not text: send ${text} without quotes`,
  notValid: (label: string) => `${label} is not valid`,
  multipleOf: (label: string, divisor: number) => `${label} must be a multiple of ${fmt(divisor)}`,
  pickOption: (label: string) => `Pick one of the listed ${label.toLowerCase()} options`,
  pickSize: (label: string) => `Pick a ${label.toLowerCase()} or enter a width and height`,
  format: (label: string) => `${label} is not in the expected format`,
};

const quoteList = (keys: readonly string[]) => keys.map((k) => `"${k}"`).join(", ");

/** Fields a request does not take, naming each and, when known, what it takes instead (zod would strip them). */
export function unknownFieldsMessage(paths: readonly string[], where: string, accepted: readonly string[] = []): string {
  const one = paths.length === 1;
  const takes = accepted.length > 0 ? `; it takes ${quoteList(accepted)}` : "";
  return `Unknown ${one ? "field" : "fields"} ${quoteList(paths)}: ${where} does not take ${one ? "it" : "them"}${takes}.`;
}
