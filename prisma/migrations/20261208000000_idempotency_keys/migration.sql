-- Idempotency-Key on every request that starts paid work (the API's header, and the key each form submission makes):
-- the same key and request within the retention window get the first answer again and start nothing. The primary
-- key is the guard: of two concurrent requests with one key, only one can insert it.
CREATE TABLE "IdempotencyKey" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "requestHash" TEXT NOT NULL,
    "response" TEXT,
    "runId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- Expired keys are deleted by age.
CREATE INDEX "IdempotencyKey_createdAt_idx" ON "IdempotencyKey"("createdAt");
