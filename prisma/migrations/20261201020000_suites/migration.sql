-- Prompt suites: named prompt lists a person runs on several targets as one batch.
CREATE TABLE "PromptSuite" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "prompts" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

CREATE INDEX "PromptSuite_updatedAt_id_idx" ON "PromptSuite"("updatedAt", "id");
