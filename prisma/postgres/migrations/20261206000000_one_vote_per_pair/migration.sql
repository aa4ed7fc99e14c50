-- One vote per voter on the same two images, enforced by the database: two tabs dealt the same two images could each
-- store a vote between the check and the insert. Where that already happened, the first vote stays.
DELETE FROM "ArenaVote" WHERE EXISTS (
    SELECT 1 FROM "ArenaVote" AS "earlier"
    WHERE "earlier"."voter" = "ArenaVote"."voter" AND "earlier"."pairKey" = "ArenaVote"."pairKey"
      AND ("earlier"."createdAt" < "ArenaVote"."createdAt" OR ("earlier"."createdAt" = "ArenaVote"."createdAt" AND "earlier"."id" < "ArenaVote"."id"))
);

CREATE UNIQUE INDEX "ArenaVote_voter_pairKey_key" ON "ArenaVote"("voter", "pairKey");
