-- What deleted generations had counted against the budgets: deleting a gallery item does not give its money back.
CREATE TABLE "DeletedSpend" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "provider" TEXT NOT NULL,
    "usd" REAL NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- Spend so far reads its period from this index alone, as it does for the generations.
CREATE INDEX "DeletedSpend_createdAt_provider_usd_idx" ON "DeletedSpend"("createdAt", "provider", "usd");
