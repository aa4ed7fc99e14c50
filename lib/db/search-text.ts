/**
 * The prompt as search sees it: case-folded for all of Unicode (upper then lower, so "Straße" and "STRASSE" meet,
 * and "É" finds "é"), NFKC-normalized so composed and decomposed accents match, and each run of whitespace (a line
 * break, a tab, two spaces) one space, so "red fox" finds a prompt written "red  fox" or "red\nfox". Stored beside
 * the prompt (`Run.searchText`) and applied to the query, because neither SQLite's LIKE nor its lower() fold beyond
 * ASCII, and both engines must answer the same.
 */
export function foldForSearch(text: string): string {
  return text.normalize("NFKC").toUpperCase().toLowerCase().replace(/\s+/g, " ");
}
