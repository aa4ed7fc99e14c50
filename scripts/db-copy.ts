// `npm run db:copy -- --to postgres://… [--storage s3://bucket/prefix] [--from file:./data/playground.db]`
// Copies a SQLite gallery (runs, generations, shares, favourites, image files) into Postgres and, with --storage,
// into a bucket. Idempotent: rows and objects already there are left alone, so it can be run again after an
// interruption or to pick up what was added since. Ids and share tokens are kept, so share links keep working.
import path from "node:path";
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";

const root = path.resolve(import.meta.dirname, "..");
for (const file of [".env.local", ".env"]) {
  if (existsSync(path.join(root, file))) process.loadEnvFile(path.join(root, file));
}

const { values } = parseArgs({
  options: { to: { type: "string" }, storage: { type: "string" }, from: { type: "string" } },
});
function fail(line: string): never {
  console.error(`[db:copy] ${line}`);
  process.exit(1);
}
if (!values.to || !/^postgres(ql)?:\/\//.test(values.to)) fail("--to must be a postgres://… URL");
if (values.storage && !/^s3:\/\/[a-z0-9][a-z0-9.-]+[a-z0-9](\/.*)?$/.test(values.storage)) fail("--storage must look like s3://bucket/prefix");

const { env, storageConfig } = await import("../lib/env");
const { copyGallery } = await import("./db-copy/copy");
const source = values.from ?? env().databaseUrl;
if (!source.startsWith("file:")) fail("the source (--from, else DATABASE_URL) must be a SQLite file: URL");

try {
  const summary = await copyGallery({
    from: source,
    to: values.to,
    imagesDir: env().imagesDir,
    storage: values.storage ? storageConfig(values.storage) : undefined,
  });
  console.log(`[db:copy] done: ${summary}`);
} catch (error) {
  const { connectionCause } = await import("../lib/db/health");
  fail(`stopped: ${error instanceof Error && error.name === "CopyError" ? error.message : connectionCause(error)} (safe to run again)`);
}
