// Signed session cookies with Web Crypto only (crypto.subtle), so the same code runs in the proxy whichever runtime
// it is given, in server actions, and in unit tests. No `server-only`: proxy.ts imports this module.

export const SESSION_COOKIE = "playground_session";
/** How long a sign-in lasts. */
export const SESSION_TTL_SECONDS = 30 * 24 * 60 * 60;
/** PBKDF2 work factor for a password-derived key (OWASP 2023 figure for PBKDF2-HMAC-SHA256). */
export const PASSWORD_KDF_ITERATIONS = 600_000;

const VERSION = "v1";
const MAX_TOKEN_LENGTH = 512;
/** Tolerated clock difference for a token issued "in the future" (several server processes, NTP steps). */
const CLOCK_SKEW_SECONDS = 60;
const encoder = new TextEncoder();

export interface SessionPayload {
  /** Issued at, seconds since the epoch. */
  iat: number;
  /** Expires at, seconds since the epoch. */
  exp: number;
}

export interface KeyMaterial {
  password: string;
  sessionSecret: string | null;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

/**
 * The HMAC-SHA256 key that signs sessions. Both inputs feed it, so changing either the password or the secret signs
 * everyone out:
 * - with SESSION_SECRET: HKDF(secret, salt = SHA-256(password));
 * - without: PBKDF2(password, 600k iterations), so a leaked cookie is not a cheap way to guess the password.
 */
export async function deriveSessionKey(
  material: KeyMaterial,
  iterations: number = PASSWORD_KDF_ITERATIONS,
): Promise<CryptoKey> {
  const hmac = { name: "HMAC", hash: "SHA-256", length: 256 } as const;
  if (material.sessionSecret) {
    const ikm = await crypto.subtle.importKey("raw", encoder.encode(material.sessionSecret), "HKDF", false, ["deriveKey"]);
    const salt = await crypto.subtle.digest("SHA-256", encoder.encode(`sd3-playground/password/${material.password}`));
    return crypto.subtle.deriveKey(
      { name: "HKDF", hash: "SHA-256", salt, info: encoder.encode("sd3-playground session v1") },
      ikm,
      hmac,
      false,
      ["sign", "verify"],
    );
  }
  const base = await crypto.subtle.importKey("raw", encoder.encode(material.password), "PBKDF2", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "PBKDF2", hash: "SHA-256", salt: encoder.encode("sd3-playground/session/v1"), iterations },
    base,
    hmac,
    false,
    ["sign", "verify"],
  );
}

// PBKDF2 is deliberately slow, so each process derives the key once per (password, secret) pair.
let cachedKey: { id: string; key: Promise<CryptoKey> } | undefined;

export function sessionKey(material: KeyMaterial): Promise<CryptoKey> {
  const id = JSON.stringify([material.password, material.sessionSecret]);
  if (cachedKey?.id !== id) {
    const key = deriveSessionKey(material);
    // A failed derivation must not stick in the cache.
    key.catch(() => {
      if (cachedKey?.key === key) cachedKey = undefined;
    });
    cachedKey = { id, key };
  }
  return cachedKey.key;
}

/** A token `v1.<payload>.<signature>` (base64url), valid for `ttlSeconds` from `now`. */
export async function signSession(
  key: CryptoKey,
  now: Date = new Date(),
  ttlSeconds: number = SESSION_TTL_SECONDS,
): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  const payload: SessionPayload = { iat, exp: iat + ttlSeconds };
  const body = `${VERSION}.${toBase64Url(encoder.encode(JSON.stringify(payload)))}`;
  const signature = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(body)));
  return `${body}.${toBase64Url(signature)}`;
}

/** The payload when the token is well formed, correctly signed, not expired and not from the future; else null. */
export async function verifySession(
  token: string | undefined | null,
  key: CryptoKey,
  now: Date = new Date(),
): Promise<SessionPayload | null> {
  if (!token || token.length > MAX_TOKEN_LENGTH) return null;
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== VERSION) return null;
  const [version, payloadPart, signaturePart] = parts as [string, string, string];
  const signature = fromBase64Url(signaturePart);
  if (!signature || signature.length !== 32) return null;
  // crypto.subtle.verify compares in constant time.
  const valid = await crypto.subtle.verify("HMAC", key, signature, encoder.encode(`${version}.${payloadPart}`));
  if (!valid) return null;

  const payloadBytes = fromBase64Url(payloadPart);
  if (!payloadBytes) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder().decode(payloadBytes));
  } catch {
    return null;
  }
  if (!isPayload(payload)) return null;
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (payload.exp <= nowSeconds) return null;
  if (payload.iat > nowSeconds + CLOCK_SKEW_SECONDS) return null;
  if (payload.exp - payload.iat > SESSION_TTL_SECONDS) return null;
  return payload;
}

function isPayload(value: unknown): value is SessionPayload {
  if (typeof value !== "object" || value === null) return false;
  const { iat, exp } = value as Record<string, unknown>;
  return Number.isSafeInteger(iat) && Number.isSafeInteger(exp);
}
