-- The failed attempts of retried generations, as the scorecard counted them before the retry reset the row: a
-- provider that fails and is retried until it succeeds keeps its failures, their causes and what they may have cost.
CREATE TABLE "RetiredAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "generationId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "emulated" BOOLEAN NOT NULL,
    "errorCode" TEXT,
    "usd" REAL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "RetiredAttempt_generationId_fkey" FOREIGN KEY ("generationId") REFERENCES "Generation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- The scorecard reads its period from this index alone, as it does for the generations.
CREATE INDEX "RetiredAttempt_scores_idx" ON "RetiredAttempt"("createdAt", "emulated", "provider", "model", "errorCode", "usd", "generationId");

-- A generation's attempts go with it.
CREATE INDEX "RetiredAttempt_generationId_idx" ON "RetiredAttempt"("generationId");
