-- The scorecard counts what failed requests may have been billed (their reservedUsd) in the cost per image, as the
-- budgets do, so the index it is read from alone holds that column too.
DROP INDEX "Generation_scores_idx";
CREATE INDEX "Generation_scores_idx" ON "Generation"("createdAt", "emulated", "status", "provider", "model", "runId", "errorCode", "costUnit", "cost", "waitMs", "providerMs", "downloadMs", "reservedUsd", "id", "updatedAt");
