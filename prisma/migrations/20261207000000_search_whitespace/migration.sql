-- Search reads a run of whitespace (a line break, a tab, two spaces) as one space (lib/db/search-text.ts). The app
-- folds the prompts this may change again right after this migration (lib/db/client.ts backfillSearchText): those
-- with two spaces in a row or anything outside printable ASCII (other whitespace, and what NFKC turns into spaces).
UPDATE "Run" SET "searchText" = NULL WHERE "prompt" LIKE '%  %' OR "prompt" GLOB '*[^ -~]*';
