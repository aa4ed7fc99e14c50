/**
 * Where the server keeps the root layout's stylesheet text for InlineStyle's server render (./inline-stylesheets.tsx).
 * A module of its own: imported from the "use client" module, a server component would get a client reference, not
 * the symbol.
 */
export const INLINE_CSS = Symbol.for("sd3-playground.inline-css");
