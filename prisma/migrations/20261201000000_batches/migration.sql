-- Batches (prompt suites, X/Y/Z grids) are runs with a description and generations placed in cells.
ALTER TABLE "Run" ADD COLUMN "spec" TEXT;
ALTER TABLE "Generation" ADD COLUMN "cellX" INTEGER;
ALTER TABLE "Generation" ADD COLUMN "cellY" INTEGER;
ALTER TABLE "Generation" ADD COLUMN "cellZ" INTEGER;

-- A person's cancel: queued work is never sent, running work is cancelled at the provider by its worker.
ALTER TABLE "Generation" ADD COLUMN "cancelRequestedAt" DATETIME;
