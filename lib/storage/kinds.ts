/** The client-safe half of the storage registry: where images can live, for docs and settings. */
export const storageKinds = {
  folder: { label: "Local folder", example: "(unset: DATA_DIR/images)" },
  s3: { label: "S3-compatible bucket", example: "s3://bucket/prefix" },
} as const;

export type StorageKind = keyof typeof storageKinds;
