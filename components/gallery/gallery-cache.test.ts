import { afterEach, describe, expect, it, vi } from "vitest";
import { QueryClient } from "@tanstack/react-query";
import type { RunDTO } from "@/lib/db/dto";
import { queryKeys, readRun } from "@/lib/client/api";
import { runEdited } from "@/lib/client/fresh-read";
import { removeRunsFromPages, setFavoriteInCache, type GalleryData } from "./gallery-cache";

const run = (id: string) => ({ id }) as RunDTO;
const data = (pages: [string[], string | null][]): GalleryData => ({
  pages: pages.map(([ids, nextCursor]) => ({ items: ids.map(run), nextCursor })),
  pageParams: [null, ...pages.slice(0, -1).map(([, c]) => c)],
});
const shape = (d: GalleryData) => d.pages.map((p) => [p.items.map((r) => r.id), p.nextCursor]);

describe("removing deleted runs from loaded pages", () => {
  it("drops them and keeps each page's cursor: it carries its own place, so loading more continues after it", () => {
    const before = data([
      [["a", "b", "c"], "t3~c"],
      [["d", "e", "f"], "t6~f"],
      [["g"], null],
    ]);
    expect(shape(removeRunsFromPages(before, new Set(["c", "d", "e", "f"])))).toEqual([
      [["a", "b"], "t3~c"],
      [[], "t6~f"],
      [["g"], null],
    ]);
  });
});

describe("a run view's poll overtaken by a star", () => {
  afterEach(() => vi.unstubAllGlobals());

  /** A client following the run as the run page does, and the server's favourite flag for each read, in order. */
  function following(id: string, answers: boolean[], whileReading: () => void) {
    const client = new QueryClient();
    const key = queryKeys.run(id);
    client.setQueryData(key, { id, favorite: false, generations: [] } as unknown as RunDTO);
    vi.stubGlobal("fetch", async () => {
      const favorite = answers.shift()!;
      if (!favorite) whileReading();
      return Response.json({ id, favorite, generations: [] });
    });
    const poll = () => client.fetchQuery({ queryKey: key, queryFn: () => readRun(id) });
    return { client, poll, favorite: () => client.getQueryData<RunDTO>(key)?.favorite };
  }

  it("reads the run again instead of putting back the star it had before the click", async () => {
    const view = following("r1", [false, true], () => {
      // The person stars the run while the first read is on its way.
      setFavoriteInCache(view.client, "r1", true);
    });
    await view.poll();
    expect(view.favorite()).toBe(true);
  });

  it("reads again when the star is saved while a read that started after the click is on its way", async () => {
    // The star's save (FavoriteButton's `cache.edited`) lands while the read is on its way.
    const view = following("r2", [false, true], () => runEdited("r2"));
    setFavoriteInCache(view.client, "r2", true);
    await view.poll();
    expect(view.favorite()).toBe(true);
  });
});
