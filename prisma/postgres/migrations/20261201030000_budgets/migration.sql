-- Budgets: each generation reserves its estimate when stored; the reported cost replaces it when it ends.
ALTER TABLE "Generation" ADD COLUMN "reservedUsd" DOUBLE PRECISION;

-- Spend so far, read from the index alone; a model's cost history, newest first.
CREATE INDEX "Generation_createdAt_provider_emulated_reservedUsd_idx" ON "Generation"("createdAt", "provider", "emulated", "reservedUsd");
CREATE INDEX "Generation_provider_model_status_createdAt_idx" ON "Generation"("provider", "model", "status", "createdAt");

-- Caps set on the settings page (the environment may set them too; the stricter applies).
CREATE TABLE "BudgetCap" (
    "scope" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "usd" DOUBLE PRECISION NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BudgetCap_pkey" PRIMARY KEY ("scope","period")
);
