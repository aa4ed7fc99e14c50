// Query strings are checked like bodies: a parameter a route does not take is refused by name, not ignored, so a
// misspelt filter (`?provder=fal`) never comes back as an unfiltered page that looks like an answer.

/** A 400 naming the parameters (or JSON/form fields) outside `known`, or null when there are none. */
export function unknownParams(keys: Iterable<string>, known: Iterable<string>, where: string): Response | null {
  const allowed = new Set(known);
  const unknown = [...new Set(keys)].filter((k) => !allowed.has(k));
  if (unknown.length === 0) return null;
  return Response.json(
    {
      error: "invalid_request",
      message: `${where} does not take ${unknown.map((k) => `"${k}"`).join(", ")}; it takes ${[...allowed].map((k) => `"${k}"`).join(", ")}.`,
    },
    { status: 400 },
  );
}
