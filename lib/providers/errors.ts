import type { ErrorCode } from "./types";

/** A failure with a typed cause. Provider clients throw these; the runner stores them. */
export class ProviderError extends Error {
  readonly code: ErrorCode;
  /** The provider's own words (already free of secrets), shown under our one-sentence summary. */
  readonly providerMessage?: string;
  readonly status?: number;
  /** When a rate limit resets, if the provider says. */
  readonly retryAt?: Date;
  /** The form field the provider complained about, if it can be told. */
  readonly field?: string;
  /** The HTTP exchange itself failed (no answer in time, connection refused): says nothing about the job. */
  readonly transport?: boolean;
  /** The provider may have charged for the work although it failed (a job cancelled after it started). */
  readonly mayHaveBilled?: boolean;
  /**
   * The provider's own last word on a job it had accepted (its status says failed or cancelled): whether that was
   * billed is then for `mayHaveBilled` to say. Any other failure after a job was accepted may have been billed.
   */
  readonly terminal?: boolean;

  constructor(
    code: ErrorCode,
    message: string,
    opts: { providerMessage?: string; status?: number; retryAt?: Date; field?: string; transport?: boolean; mayHaveBilled?: boolean; terminal?: boolean; cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = "ProviderError";
    this.code = code;
    this.providerMessage = opts.providerMessage;
    this.status = opts.status;
    this.retryAt = opts.retryAt;
    this.field = opts.field;
    this.transport = opts.transport;
    this.mayHaveBilled = opts.mayHaveBilled;
    this.terminal = opts.terminal;
  }
}
