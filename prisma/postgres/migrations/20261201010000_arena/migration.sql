-- A share may now hold a scorecard, a leaderboard or an arena as well as a run: `kind` and `params`, and `runId`
-- nullable.
ALTER TABLE "Share" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'run',
ADD COLUMN "params" TEXT NOT NULL DEFAULT '{}',
ALTER COLUMN "runId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "ArenaPair" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "runId" TEXT NOT NULL,
    "leftId" TEXT NOT NULL,
    "rightId" TEXT NOT NULL,
    "pairKey" TEXT NOT NULL,
    "voter" TEXT NOT NULL,
    "shareId" TEXT,

    CONSTRAINT "ArenaPair_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArenaVote" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ArenaVote_pkey" PRIMARY KEY ("id")
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
