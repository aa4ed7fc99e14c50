-- Prompt suites: named prompt lists a person runs on several targets as one batch.
CREATE TABLE "PromptSuite" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prompts" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PromptSuite_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "PromptSuite_updatedAt_id_idx" ON "PromptSuite"("updatedAt", "id");
