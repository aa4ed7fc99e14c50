/**
 * The GET filter forms above the scorecard and the arena's ranking. A phone gets the filters in two even columns: a
 * select's width no longer depends on its options, which a page still being parsed may not have read yet (the select
 * then widened and wrapped to the next line, a layout shift). Wider screens keep one wrapping row.
 */
export const filterForm = "grid grid-cols-2 items-end gap-2 text-sm sm:flex sm:flex-wrap";
export const filterField = "bg-background h-9 rounded-md border px-2 text-sm max-sm:w-full";
