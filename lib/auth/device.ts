// "This browser has signed in before": a long-lived signed cookie that gives its browser a sign-in limit of its own.
// Without it, every client that the server cannot tell apart (all of them, unless TRUST_PROXY names addresses) shares
// one limit, and a stranger's failures would lock the owner out. Web Crypto only, like session.ts.

export const DEVICE_COOKIE = "playground_device";
/** A year: long enough that the owner's browsers keep their own limit across sessions. */
export const DEVICE_TTL_SECONDS = 365 * 24 * 60 * 60;

const PREFIX = "d1";
const encoder = new TextEncoder();

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** The signed bytes carry a "device:" label, so a device token can never pass as a session token, nor the reverse. */
const signedText = (id: string) => encoder.encode(`sd3-playground/device/${id}`);

/** A new device token for a browser that just signed in, signed with the session key. */
export async function signDevice(key: CryptoKey): Promise<string> {
  const id = toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
  const signature = new Uint8Array(await crypto.subtle.sign("HMAC", key, signedText(id)));
  return `${PREFIX}.${id}.${toBase64Url(signature)}`;
}

/** The device id when `token` was signed with `key`, else null. */
export async function verifyDevice(token: string | undefined, key: CryptoKey): Promise<string | null> {
  if (!token || token.length > 200) return null;
  const [prefix, id, signature, ...rest] = token.split(".");
  if (prefix !== PREFIX || !id || !signature || rest.length > 0 || !/^[A-Za-z0-9_-]{22}$/.test(id)) return null;
  const bytes = fromBase64Url(signature);
  if (!bytes) return null;
  return (await crypto.subtle.verify("HMAC", key, bytes, signedText(id))) ? id : null;
}
