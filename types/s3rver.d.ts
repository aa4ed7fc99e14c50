// s3rver (the S3 test server CI runs, scripts/ci/services.sh) ships no types; the storage tests start it in-process.
declare module "s3rver" {
  export default class S3rver {
    constructor(options: { port: number; address?: string; silent?: boolean; directory: string; configureBuckets?: { name: string }[] });
    run(): Promise<unknown>;
    close(): Promise<void>;
  }
}
