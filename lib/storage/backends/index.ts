import "server-only";
import type { ImageBackend } from "@/lib/storage/backend";
import type { Env, StorageConfig } from "@/lib/env";
import type { StorageKind } from "@/lib/storage/kinds";
import { folderBackend } from "./folder";
import { s3Backend } from "./s3";

/** The server half of the storage registry: each kind of STORAGE_URL (lib/storage/kinds.ts) to its backend. */
export const backends = {
  folder: (config) => folderBackend(config.imagesDir),
  s3: (config) => {
    const storage = config.storage as Extract<StorageConfig, { kind: "s3" }>;
    return s3Backend({
      bucket: storage.bucket,
      prefix: storage.prefix,
      region: config.AWS_REGION,
      endpoint: config.S3_ENDPOINT,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
    });
  },
} satisfies Record<StorageKind, (config: Env) => ImageBackend>;
