-- Gallery filters at scale. A run matches provider/model/status when one of its generations does:
--  * walking runs newest first, each run's generations are checked through (runId, …) without touching the table;
--  * when few generations match (e.g. "running"), they are found first through (provider, status, …), which
--    supersedes the (provider, model) index;
--  * deleting checks whether another image row still uses a content-addressed file.

-- DropIndex
DROP INDEX "Generation_provider_model_idx";

-- CreateIndex
CREATE INDEX "Generation_runId_status_provider_model_idx" ON "Generation"("runId", "status", "provider", "model");

-- CreateIndex
CREATE INDEX "Generation_provider_status_model_runId_idx" ON "Generation"("provider", "status", "model", "runId");

-- CreateIndex
CREATE INDEX "Image_file_idx" ON "Image"("file");
