export function newestSourceMtime(root: string, paths: readonly string[]): number;
export function isStale(root: string, output: string, paths: readonly string[]): boolean;
export const appSources: readonly string[];
export const emulatorSources: readonly string[];
