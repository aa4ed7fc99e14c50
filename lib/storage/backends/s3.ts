import "server-only";
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { MissingImageError, type ImageBackend } from "@/lib/storage/backend";

export interface S3Options {
  bucket: string;
  /** "" or "some/prefix/". */
  prefix: string;
  region: string;
  endpoint?: string;
  forcePathStyle: boolean;
  /** How long an upload waits out a store that is unreachable, throttling or failing before it gives up. */
  blinkMs?: number;
}

/**
 * An S3-compatible bucket (AWS S3, R2, MinIO, B2). Credentials come from the SDK's standard chain
 * (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, or a role). One PUT is atomic in S3: an object is complete or absent.
 */
export function s3Backend(options: S3Options): ImageBackend {
  // We pin the SDK and run on Node 20 on purpose; its multi-line notice about future releases would fill every log.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const client = new S3Client({
    region: options.region,
    endpoint: options.endpoint,
    forcePathStyle: options.forcePathStyle,
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 30_000 },
  });
  const Bucket = options.bucket;
  const Key = (key: string) => `${options.prefix}${key}`;
  return {
    async has(key) {
      try {
        await client.send(new HeadObjectCommand({ Bucket, Key: Key(key) }));
        return true;
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
      // A HEAD answer has no body to tell a missing object from a missing bucket: the bucket is asked once more, so a
      // wrong or deleted one fails the caller rather than reading as every image missing (an export's manifest).
      await client.send(new HeadBucketCommand({ Bucket }));
      return false;
    },
    async put(key, data, mime) {
      // The image was paid for: a bucket that blinks is waited out rather than turned into a failed generation.
      await patiently(
        () => client.send(new PutObjectCommand({ Bucket, Key: Key(key), Body: data, ContentType: mime, ContentLength: data.byteLength })),
        options.blinkMs ?? 30_000,
      );
    },
    async get(key) {
      try {
        const res = await client.send(new GetObjectCommand({ Bucket, Key: Key(key) }));
        if (!res.Body) throw new MissingImageError(key);
        return await res.Body.transformToByteArray();
      } catch (error) {
        if (isNotFound(error)) throw new MissingImageError(key, { cause: error });
        throw error;
      }
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: Key(key) }));
    },
    async move(from, to) {
      try {
        await client.send(new CopyObjectCommand({ Bucket, Key: Key(to), CopySource: encodeURI(`${Bucket}/${Key(from)}`) }));
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
      await client.send(new DeleteObjectCommand({ Bucket, Key: Key(from) }));
      return true;
    },
    async problem() {
      try {
        await client.send(new HeadBucketCommand({ Bucket }));
        return null;
      } catch (error) {
        return `the bucket ${Bucket} cannot be reached (${s3Cause(error)})`;
      }
    },
    // A PUT that did not finish leaves nothing behind; a removal cut off may leave its object parked under trash/.
    async cleanStale(olderThanMs) {
      const cutoff = Date.now() - olderThanMs;
      let removed = 0;
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket, Prefix: Key("trash/"), ContinuationToken }));
        for (const object of page.Contents ?? []) {
          if (!object.Key || (object.LastModified?.getTime() ?? 0) >= cutoff) continue;
          await client.send(new DeleteObjectCommand({ Bucket, Key: object.Key }));
          removed++;
        }
        ContinuationToken = page.NextContinuationToken;
      } while (ContinuationToken);
      return removed;
    },
  };
}

/** Worth waiting out: the store unreachable, throttling or failing (5xx); not a refusal (4xx). */
function isTransient(error: unknown): boolean {
  if (error instanceof S3ServiceException) {
    const status = error.$metadata.httpStatusCode ?? 0;
    return status >= 500 || status === 429 || status === 503;
  }
  const e = error as { code?: string; name?: string; cause?: unknown };
  if (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN)$/.test(e?.code ?? "")) return true;
  if (e?.name === "TimeoutError" || e?.name === "RequestTimeout") return true;
  return e?.cause ? isTransient(e.cause) : false;
}

async function patiently<T>(fn: () => Promise<T>, budgetMs: number): Promise<T> {
  const end = Date.now() + budgetMs;
  let delay = 250;
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (!isTransient(error) || Date.now() + delay > end) throw error;
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 4000);
    }
  }
}

/**
 * No such object. A missing bucket answers 404 too, but it is the store that is wrong (a typo in STORAGE_URL, a bucket
 * deleted): its images are not gone, so it must read as "store unavailable", not as every image missing.
 */
function isNotFound(error: unknown) {
  if (!(error instanceof S3ServiceException) || error.name === "NoSuchBucket") return false;
  return error.$metadata.httpStatusCode === 404 || error.name === "NoSuchKey" || error.name === "NotFound";
}

/** A short cause for one line: the HTTP status or the network error's code, never a credential. */
export function s3Cause(error: unknown): string {
  if (error instanceof S3ServiceException) {
    const status = error.$metadata.httpStatusCode;
    if (status === 404) return "no such bucket";
    if (status === 403) return "access denied: check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY";
    if (status === 301 || status === 400) return `rejected (HTTP ${status}): check AWS_REGION and S3_ENDPOINT`;
    return `${error.name}${status ? `, HTTP ${status}` : ""}`;
  }
  const e = error as { code?: string; name?: string };
  if (e?.name === "CredentialsProviderError") return "no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY";
  return e?.code ?? e?.name ?? "error";
}
