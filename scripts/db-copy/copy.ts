import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "../../lib/db/generated/client";
import { PrismaClient as PgClient } from "../../lib/db/generated-pg/client";
import { sqliteAdapter } from "../../lib/db/sqlite";
import { applyPgMigrations } from "../../lib/db/migrate-pg";
import { applyMigrations } from "../../lib/db/migrate";
import { foldForSearch } from "../../lib/db/search-text";
import type { StorageConfig } from "../../lib/env";
import type { ImageBackend } from "../../lib/storage/backend";
import { folderBackend } from "../../lib/storage/backends/folder";
import { s3Backend } from "../../lib/storage/backends/s3";
import { renditionFile, renditionKinds } from "../../lib/storage/renditions";
import { progress } from "./progress";

const BATCH = 500;

export interface CopyOptions {
  from: string;
  to: string;
  imagesDir: string;
  storage?: StorageConfig;
}

// Every table, parents before children so every foreign key finds its row, with the name the summary gives its rows
// and the key it is read in order of.
export const tables = {
  run: ["runs", ["id"]],
  generation: ["generations", ["id"]],
  image: ["images", ["id"]],
  share: ["shares", ["id"]],
  promptSuite: ["prompt suites", ["id"]],
  parity: ["parity results", ["id"]],
  arenaPair: ["arena pairs", ["id"]],
  arenaVote: ["arena votes", ["id"]],
  retiredSpend: ["spend of deleted items", ["id"]],
  retiredAttempt: ["failed attempts of retried items", ["id"]],
  budgetCap: ["spending caps", ["scope", "period"]],
  idempotencyKey: ["idempotency keys", ["key"]],
} as const;
type Table = keyof typeof tables;
type Row = Record<string, unknown>;
interface Delegate {
  count(): Promise<number>;
  findMany(args: object): Promise<Row[]>;
  createMany(args: object): Promise<{ count: number }>;
}

/** Prisma's cursor for a row: `{ id }`, or `{ scope_period: { scope, period } }` for a compound key. */
function cursorOf(key: readonly string[], row: Row): object {
  const values = Object.fromEntries(key.map((field) => [field, row[field]]));
  return key.length === 1 ? values : { [key.join("_")]: values };
}

export async function copyGallery(options: CopyOptions): Promise<string> {
  await applyMigrations(options.from);
  await applyPgMigrations(options.to);
  const src = new SqliteClient({ adapter: sqliteAdapter({ url: options.from, busyTimeoutMs: 15_000 }) });
  const dst = new PgClient({ adapter: new PrismaPg({ connectionString: options.to, max: 4 }) });
  const parts: string[] = [];
  try {
    for (const [table, [label, key]] of Object.entries(tables) as [Table, (typeof tables)[Table]][]) {
      const from = src[table] as unknown as Delegate;
      const total = await from.count();
      const bar = progress(label, total);
      let added = 0;
      let cursor: object | undefined;
      for (;;) {
        const rows = await from.findMany({
          orderBy: key.map((field) => ({ [field]: "asc" })),
          take: BATCH,
          ...(cursor ? { cursor, skip: 1 } : {}),
        });
        if (rows.length === 0) break;
        const data = table === "run" ? rows.map((r) => ({ ...r, searchText: r.searchText ?? foldForSearch(String(r.prompt)) })) : rows;
        added += (await (dst[table] as unknown as Delegate).createMany({ data, skipDuplicates: true })).count;
        cursor = cursorOf(key, rows.at(-1)!);
        bar.tick(rows.length);
      }
      bar.done();
      parts.push(`${label} ${added} copied, ${total - added} already there`);
    }
    if (options.storage?.kind === "s3") parts.push(await copyImages(src, options));
    else parts.push("image files stay in the local folder (no --storage)");
  } finally {
    await src.$disconnect();
    await dst.$disconnect();
  }
  return parts.join("; ");
}

async function copyImages(src: SqliteClient, options: CopyOptions): Promise<string> {
  const storage = options.storage as Extract<StorageConfig, { kind: "s3" }>;
  const from = folderBackend(options.imagesDir);
  const to: ImageBackend = s3Backend({
    bucket: storage.bucket,
    prefix: storage.prefix,
    region: process.env.AWS_REGION || "us-east-1",
    endpoint: process.env.S3_ENDPOINT || undefined,
    forcePathStyle: /^(1|true|yes|on)$/i.test(process.env.S3_FORCE_PATH_STYLE ?? ""),
  });
  const problem = await to.problem();
  if (problem) throw Object.assign(new Error(`STORAGE: ${problem}`), { name: "CopyError" });
  const rows = await src.image.findMany({ select: { file: true, mime: true }, distinct: ["file"] });
  const bar = progress("image files", rows.length);
  let uploaded = 0;
  let present = 0;
  let missing = 0;
  for (const row of rows) {
    const files: [key: string, mime: string][] = [[row.file, row.mime], ...renditionKinds.map((kind) => [renditionFile(row.file, kind), "image/webp"] as [string, string])];
    for (const [key, mime] of files) {
      if (await to.has(key)) {
        present++;
        continue;
      }
      // A rendition never made is made on first view; an original gone from disk is reported.
      if (!(await from.has(key))) {
        if (key === row.file) missing++;
        continue;
      }
      await to.put(key, await from.get(key), mime);
      uploaded++;
    }
    bar.tick(1);
  }
  bar.done();
  return `image files ${uploaded} uploaded, ${present} already there${missing ? `, ${missing} originals missing on disk` : ""}`;
}
