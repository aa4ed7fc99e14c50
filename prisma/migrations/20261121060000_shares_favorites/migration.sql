-- AlterTable
ALTER TABLE "Run" ADD COLUMN "favorite" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "Share" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "token" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "generationId" TEXT,
    "includePrompt" BOOLEAN NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME,
    CONSTRAINT "Share_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Share_generationId_fkey" FOREIGN KEY ("generationId") REFERENCES "Generation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Share_token_key" ON "Share"("token");

-- CreateIndex
CREATE INDEX "Share_revokedAt_createdAt_idx" ON "Share"("revokedAt", "createdAt");

-- CreateIndex
CREATE INDEX "Run_favorite_createdAt_id_idx" ON "Run"("favorite", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Generation_provider_model_idx" ON "Generation"("provider", "model");
