import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { maxQueryLength, parseGalleryFilters } from "@/lib/gallery/url-filters";
import { SearchBox } from "./filter-bar";

describe("the gallery's search box", () => {
  it("takes no more text than the URL keeps, so a long pasted prompt still filters instead of showing everything", () => {
    const html = renderToStaticMarkup(<SearchBox value="" onChange={() => {}} />);
    expect(html).toContain(`maxLength="${maxQueryLength}"`);
    // What the box can hold is a search the page reads back; one character more would be dropped as invalid.
    expect(parseGalleryFilters({ q: "a".repeat(maxQueryLength) }).q).toHaveLength(maxQueryLength);
    expect(parseGalleryFilters({ q: "a".repeat(maxQueryLength + 1) }).q).toBeUndefined();
  });
});
