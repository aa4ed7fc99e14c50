-- The scorecard at scale: its filters (source, finished, period) lead, then every column its grouped queries read,
-- so a scorecard is read from this index alone instead of visiting each generation's row (prompt, input and wire
-- body make those rows large).

-- CreateIndex
CREATE INDEX "Generation_scores_idx" ON "Generation"("emulated", "status", "createdAt", "provider", "model", "runId", "errorCode", "costUnit", "cost", "waitMs", "providerMs", "downloadMs", "id");
