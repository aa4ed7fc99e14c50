import { z } from "zod";

// No `server-only` here: proxy.ts imports this module, and the proxy bundle is not a React Server Components
// bundle. Nothing in it is sent to the browser; the password is only ever read on the server.

const blankAsUnset = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** The sign-in variables, validated. Spread into lib/env.ts's schema so `env()` checks them at startup too. */
export const authEnvShape = {
  /** When set, everything but share pages (/s/...), /login and static assets needs signing in with it. */
  PLAYGROUND_PASSWORD: z.preprocess(blankAsUnset, z.string().min(1).max(1024).optional()),
  /** Optional signing key for session cookies; at least 32 characters (e.g. `openssl rand -base64 32`). */
  SESSION_SECRET: z.preprocess(
    blankAsUnset,
    z.string().min(32, "SESSION_SECRET must be at least 32 characters (e.g. openssl rand -base64 32)").optional(),
  ),
  /** 1 when a reverse proxy you control sets X-Forwarded-For / X-Forwarded-Proto; otherwise those are ignored. */
  TRUST_PROXY: z.preprocess(
    blankAsUnset,
    z
      .enum(["1", "0", "true", "false"])
      .optional()
      .transform((v) => v === "1" || v === "true"),
  ),
};

const authEnvSchema = z.object(authEnvShape);

export interface AuthConfig {
  password: string | null;
  sessionSecret: string | null;
  trustProxy: boolean;
}

/**
 * Read per call rather than cached: the proxy and the actions are separate bundles, and parsing three variables is
 * cheap. Throws on invalid values, so a misconfigured server fails closed (500) rather than open.
 */
export function authConfig(source: Record<string, string | undefined> = process.env): AuthConfig {
  const parsed = authEnvSchema.parse({
    PLAYGROUND_PASSWORD: source.PLAYGROUND_PASSWORD,
    SESSION_SECRET: source.SESSION_SECRET,
    TRUST_PROXY: source.TRUST_PROXY,
  });
  return {
    password: parsed.PLAYGROUND_PASSWORD ?? null,
    sessionSecret: parsed.SESSION_SECRET ?? null,
    trustProxy: parsed.TRUST_PROXY,
  };
}
