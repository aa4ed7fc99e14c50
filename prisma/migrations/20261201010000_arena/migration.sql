-- A share may now hold a scorecard, a leaderboard or an arena as well as a run: `kind` and `params`, and `runId`
-- nullable. SQLite cannot drop NOT NULL in place, so the table is rebuilt (Prisma's RedefineTables pattern).
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Share" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "token" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'run',
    "params" TEXT NOT NULL DEFAULT '{}',
    "runId" TEXT,
    "generationId" TEXT,
    "includePrompt" BOOLEAN NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME,
    CONSTRAINT "Share_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Share_generationId_fkey" FOREIGN KEY ("generationId") REFERENCES "Generation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Share" ("id", "token", "runId", "generationId", "includePrompt", "createdAt", "revokedAt")
SELECT "id", "token", "runId", "generationId", "includePrompt", "createdAt", "revokedAt" FROM "Share";
DROP TABLE "Share";
ALTER TABLE "new_Share" RENAME TO "Share";
CREATE UNIQUE INDEX "Share_token_key" ON "Share"("token");
CREATE INDEX "Share_revokedAt_createdAt_idx" ON "Share"("revokedAt", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateTable
CREATE TABLE "ArenaPair" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "runId" TEXT NOT NULL,
    "leftId" TEXT NOT NULL,
    "rightId" TEXT NOT NULL,
    "pairKey" TEXT NOT NULL,
    "voter" TEXT NOT NULL,
    "shareId" TEXT
);

-- CreateTable
CREATE TABLE "ArenaVote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "idempotencyKey" TEXT NOT NULL,
    "pairId" TEXT NOT NULL,
    "pairKey" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "leftId" TEXT NOT NULL,
    "rightId" TEXT NOT NULL,
    "leftProvider" TEXT NOT NULL,
    "leftModel" TEXT NOT NULL,
    "rightProvider" TEXT NOT NULL,
    "rightModel" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "voter" TEXT NOT NULL,
    "shareId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "ArenaPair_voter_runId_idx" ON "ArenaPair"("voter", "runId");

-- CreateIndex
CREATE INDEX "ArenaPair_createdAt_idx" ON "ArenaPair"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ArenaVote_idempotencyKey_key" ON "ArenaVote"("idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "ArenaVote_pairId_key" ON "ArenaVote"("pairId");

-- CreateIndex
CREATE INDEX "ArenaVote_voter_runId_idx" ON "ArenaVote"("voter", "runId");

-- CreateIndex
CREATE INDEX "ArenaVote_shareId_idx" ON "ArenaVote"("shareId");
