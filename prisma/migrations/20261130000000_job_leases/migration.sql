-- Jobs are leased, not owned by a process id: a claim lasts until leaseUntil unless its worker renews it, and any
-- process may take over a running generation whose lease has expired.
ALTER TABLE "Generation" ADD COLUMN "leaseUntil" DATETIME;

-- What the provider answered (image URLs, or the bytes when they could not be stored), kept until the images are
-- stored, so a crash or a storage failure after paying can fetch them again without calling the provider.
ALTER TABLE "Generation" ADD COLUMN "recovery" TEXT;

-- CreateIndex
CREATE INDEX "Generation_status_leaseUntil_idx" ON "Generation"("status", "leaseUntil");
