-- The prompt case-folded for search: SQLite's LIKE and lower() fold ASCII letters only. Filled by the app for new
-- runs, and for existing ones right after this migration (lib/db/migrate.ts backfillSearchText).
ALTER TABLE "Run" ADD COLUMN "searchText" TEXT;
