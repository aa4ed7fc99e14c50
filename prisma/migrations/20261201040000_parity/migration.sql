-- Parity check: scores of two images of one run from the same model family, seed and size, computed once.
CREATE TABLE "Parity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "imageA" TEXT NOT NULL,
    "imageB" TEXT NOT NULL,
    "identical" BOOLEAN NOT NULL,
    "phashDistance" INTEGER NOT NULL,
    "ssim" REAL NOT NULL,
    "label" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Parity_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Parity_imageA_imageB_key" ON "Parity"("imageA", "imageB");

-- CreateIndex
CREATE INDEX "Parity_runId_idx" ON "Parity"("runId");
