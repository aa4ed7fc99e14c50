-- The scorecard at scale: its period leads, then every column its grouped queries and its cache stamp read
-- (updatedAt), so a scorecard is read from this index alone instead of visiting each generation's row (prompt,
-- input and wire body make those rows large).
-- Led by createdAt rather than by the source and status, so that SQLite, which plans without statistics here, does
-- not prefer it to the budget and cost-history indexes for their queries; the scorecard names it (INDEXED BY).

-- CreateIndex
CREATE INDEX "Generation_scores_idx" ON "Generation"("createdAt", "emulated", "status", "provider", "model", "runId", "errorCode", "costUnit", "cost", "waitMs", "providerMs", "downloadMs", "id", "updatedAt");
