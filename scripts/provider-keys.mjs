// The key variable of every provider, for the launcher (plain node cannot read the TypeScript registry).
// scripts/provider-lists.test.ts pins this list to lib/providers/index.ts, so a new provider cannot be missed.
export const providerKeyVars = ["AIMLAPI_API_KEY", "SEGMIND_API_KEY", "EACHLABS_API_KEY", "IMAGEPIPELINE_API_KEY", "REPLICATE_API_TOKEN", "DEEPINFRA_API_KEY", "STABILITY_API_KEY", "FAL_KEY"];
