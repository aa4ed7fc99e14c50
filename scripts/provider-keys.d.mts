export const providerKeyVars: readonly string[];
