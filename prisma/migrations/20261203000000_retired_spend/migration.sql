-- Spend no generation row carries any more: what deleted generations had counted against the budgets (deleting a
-- gallery item does not give its money back), and what earlier attempts of retried generations were charged.
CREATE TABLE "RetiredSpend" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "provider" TEXT NOT NULL,
    "usd" REAL NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- Spend so far reads its period from this index alone, as it does for the generations.
CREATE INDEX "RetiredSpend_createdAt_provider_usd_idx" ON "RetiredSpend"("createdAt", "provider", "usd");
