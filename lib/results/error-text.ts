/**
 * A failure's headline and the rest of its stored message, for a card. The message often starts with the headline
 * ("AI/ML API is rate limiting requests (HTTP 429)."): what is left is either real detail (its own paragraph) or only
 * a parenthetical such as "(HTTP 429).", which belongs in the headline's sentence rather than on a line of its own.
 */
export function errorText(headline: string, message: string): { headline: string; detail: string | null } {
  if (!message.toLowerCase().startsWith(headline.toLowerCase())) return { headline, detail: message.trim() || null };
  const rest = message.slice(headline.length).trim();
  if (rest === "" || rest === ".") return { headline, detail: null };
  if (/^\([^()]*\)\.?$/.test(rest)) return { headline: `${headline} ${rest.replace(/\.?$/, ".")}`, detail: null };
  // "Headline. More words": the joining punctuation stays behind with the headline.
  return { headline, detail: rest.replace(/^[.:;,]\s*/, "") };
}
