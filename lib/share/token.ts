import { randomBytes } from "node:crypto";

/** 24 random bytes = 192 bits, comfortably past the 128 a link that grants access needs. */
export const SHARE_TOKEN_BYTES = 24;
/** base64url of 24 bytes is exactly 32 characters, no padding. */
export const SHARE_TOKEN_LENGTH = 32;
const shape = /^[A-Za-z0-9_-]{32}$/;

/** A new unguessable share token from the OS CSPRNG. Never derived from a record id. */
export function newShareToken(): string {
  return randomBytes(SHARE_TOKEN_BYTES).toString("base64url");
}

/** Cheap shape check, so malformed tokens are answered without touching the database. */
export function isShareToken(value: string): boolean {
  return shape.test(value);
}

export function sharePath(token: string): string {
  return `/s/${token}`;
}
