import { describe, expect, it } from "vitest";
import { readUnlessOvertaken } from "./fresh-read";

describe("a gallery refresh overtaken by a star or a delete", () => {
  it("reads again instead of showing rows read before the edit", async () => {
    let edits = 0;
    const answers = ["read before the star was saved", "read after it"];
    const read = async () => {
      const answer = answers.shift()!;
      // The person stars an item while the first read is on its way.
      if (answer.includes("before")) edits++;
      return answer;
    };
    expect(await readUnlessOvertaken(read, () => edits)).toBe("read after it");
  });

  it("keeps a read nothing overtook, and gives up on one overtaken every time", async () => {
    expect(await readUnlessOvertaken(async () => "pages", () => 0)).toBe("pages");
    let edits = 0;
    let reads = 0;
    const busy = async () => {
      reads++;
      edits++;
      return "stale";
    };
    expect(await readUnlessOvertaken(busy, () => edits, 3)).toBeNull();
    expect(reads).toBe(3);
    expect(await readUnlessOvertaken(() => Promise.reject(new Error("offline")), () => 0)).toBeNull();
  });
});
