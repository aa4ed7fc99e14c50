export function crossRouteImport(importerFile: string, specifier: string): string | null;
export const walls: unknown[];
export const sizes: unknown[];
