/** Where the server keeps the root layout's stylesheet text for InlineStyle's server render (./inline-stylesheets.tsx). */
export const INLINE_CSS = Symbol.for("sd3-playground.inline-css");
