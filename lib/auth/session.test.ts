import { describe, expect, it } from "vitest";
import { SESSION_TTL_SECONDS, deriveSessionKey, sessionKey, signSession, verifySession } from "./session";

// A low work factor keeps the tests fast; the derivation is the same code path.
const key = (password: string, sessionSecret: string | null = null) => deriveSessionKey({ password, sessionSecret }, 1000);
const now = new Date("2026-03-01T12:00:00Z");
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);

function flip(token: string, part: 1 | 2): string {
  const parts = token.split(".");
  const s = parts[part]!;
  parts[part] = (s[0] === "A" ? "B" : "A") + s.slice(1);
  return parts.join(".");
}

describe("session tokens", () => {
  it("verify when signed with the same key, and carry their expiry", async () => {
    const k = await key("hunter2");
    const token = await signSession(k, now);
    expect(token).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(await verifySession(token, k, later(60))).toEqual({
      iat: now.getTime() / 1000,
      exp: now.getTime() / 1000 + SESSION_TTL_SECONDS,
    });
  });

  it("expire after the TTL (30 days)", async () => {
    const k = await key("hunter2");
    const token = await signSession(k, now);
    expect(await verifySession(token, k, later(SESSION_TTL_SECONDS - 1))).not.toBeNull();
    expect(await verifySession(token, k, later(SESSION_TTL_SECONDS))).toBeNull();
    const short = await signSession(k, now, 10);
    expect(await verifySession(short, k, later(11))).toBeNull();
  });

  it("are rejected when issued in the future or for longer than the TTL", async () => {
    const k = await key("hunter2");
    expect(await verifySession(await signSession(k, later(3600)), k, now)).toBeNull();
    expect(await verifySession(await signSession(k, now, SESSION_TTL_SECONDS + 1), k, later(1))).toBeNull();
  });

  it("stop verifying when the password changes", async () => {
    const token = await signSession(await key("hunter2"), now);
    expect(await verifySession(token, await key("hunter3"), later(1))).toBeNull();
  });

  it("with SESSION_SECRET, stop verifying when either the secret or the password changes", async () => {
    const secret = "s".repeat(32);
    const token = await signSession(await key("hunter2", secret), now);
    expect(await verifySession(token, await key("hunter2", secret), later(1))).not.toBeNull();
    expect(await verifySession(token, await key("hunter2", "t".repeat(32)), later(1))).toBeNull();
    expect(await verifySession(token, await key("hunter3", secret), later(1))).toBeNull();
    expect(await verifySession(token, await key("hunter2"), later(1))).toBeNull();
  });

  it("reject tampering and junk", async () => {
    const k = await key("hunter2");
    const token = await signSession(k, now);
    const [, payload, signature] = token.split(".");
    // A payload with a far expiry, re-using the old signature.
    const forged = btoa(JSON.stringify({ iat: 0, exp: 9_999_999_999 })).replace(/=+$/, "");
    for (const bad of [
      flip(token, 1),
      flip(token, 2),
      `v2.${payload}.${signature}`,
      `v1.${forged}.${signature}`,
      `v1.${payload}`,
      `v1.${payload}.${signature}.x`,
      `v1.${payload}.${signature!.slice(0, 20)}`,
      `v1.${payload}.!!!`,
      "",
      "x".repeat(600),
    ]) {
      expect(await verifySession(bad, k, later(1)), bad).toBeNull();
    }
    expect(await verifySession(undefined, k, later(1))).toBeNull();
  });

  it("sign payloads that are not JSON objects as invalid", async () => {
    const k = await key("hunter2");
    const body = `v1.${btoa("[1,2]").replace(/=+$/, "")}`;
    const sig = new Uint8Array(await crypto.subtle.sign("HMAC", k, new TextEncoder().encode(body)));
    const token = `${body}.${btoa(String.fromCharCode(...sig)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")}`;
    expect(await verifySession(token, k, later(1))).toBeNull();
  });

  it("cache the derived key per password and secret", async () => {
    const a = sessionKey({ password: "cache-a", sessionSecret: "k".repeat(32) });
    expect(sessionKey({ password: "cache-a", sessionSecret: "k".repeat(32) })).toBe(a);
    const b = sessionKey({ password: "cache-b", sessionSecret: "k".repeat(32) });
    expect(b).not.toBe(a);
    const token = await signSession(await b, now);
    expect(await verifySession(token, await sessionKey({ password: "cache-b", sessionSecret: "k".repeat(32) }), later(1))).not.toBeNull();
  });
});
