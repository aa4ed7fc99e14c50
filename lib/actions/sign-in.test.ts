import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// The action reads request headers and cookies and redirects through Next; stand-ins record what it does.
const jar = new Map<string, string>();
let requestHeaders = new Headers();
vi.mock("next/headers", () => ({
  headers: async () => requestHeaders,
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => void jar.set(name, value),
  }),
}));
class Redirect extends Error {
  constructor(readonly to: string) {
    super(`redirect ${to}`);
  }
}
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Redirect(to);
  },
}));

const { signIn } = await import("./sign-in");
const { DEVICE_COOKIE } = await import("@/lib/auth/device");
const { SESSION_COOKIE } = await import("@/lib/auth/session");

const PASSWORD = "correct horse battery staple";

function form(password: string, next?: string) {
  const data = new FormData();
  data.set("password", password);
  if (next !== undefined) data.set("next", next);
  return data;
}

/** Runs the action to its end (failures wait out a floor) and says where it redirected, or what it answered. */
async function attempt(password: string, next?: string): Promise<{ to?: string; error?: string | null }> {
  const running = signIn({ error: null }, form(password, next)).then(
    (state) => ({ error: state.error }),
    (error: unknown) => {
      if (error instanceof Redirect) return { to: error.to };
      throw error;
    },
  );
  // Web Crypto finishes on its own schedule: keep letting the event loop turn and the fake clock run until it is done.
  let settled = false;
  void running.finally(() => (settled = true));
  while (!settled) {
    await new Promise((resolve) => setImmediate(resolve));
    await vi.advanceTimersByTimeAsync(1000);
  }
  return running;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout"] });
  vi.stubEnv("PLAYGROUND_PASSWORD", PASSWORD);
  vi.stubEnv("SESSION_SECRET", "s".repeat(32));
  vi.stubEnv("TRUST_PROXY", "");
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("sd3-playground.sign-in-limiter")];
  jar.clear();
  requestHeaders = new Headers({ origin: "http://127.0.0.1:3000" });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

describe("signIn's next=", () => {
  it("goes back to a path on this site", async () => {
    expect(await attempt(PASSWORD, "/gallery?provider=segmind")).toEqual({ to: "/gallery?provider=segmind" });
  });

  it("never leaves the site, whatever the form says (the login page's own clean-up is not the only check)", async () => {
    for (const next of ["https://evil.example/", "//evil.example/x", "/\\evil.example", "/.//evil.example", "javascript:alert(1)"]) {
      jar.clear();
      expect(await attempt(PASSWORD, next), next).toEqual({ to: "/" });
    }
  });
});

describe("signIn's limit", () => {
  it("sets a session and a device cookie on success", async () => {
    await attempt(PASSWORD);
    expect(jar.get(SESSION_COOKIE)).toMatch(/^v1\./);
    expect(jar.get(DEVICE_COOKIE)).toMatch(/^d1\./);
  });

  it("lets a browser that signed in before in after strangers' failures, up to the total cap", async () => {
    await attempt(PASSWORD);
    const device = jar.get(DEVICE_COOKIE)!;
    jar.clear();
    // Strangers: five failures lock the shared key; with TRUST_PROXY and varied addresses, the total cap takes over.
    for (let i = 0; i < 5; i++) await attempt(`wrong-${i}`);
    expect((await attempt(PASSWORD)).error).toMatch(/^Too many attempts/);
    vi.stubEnv("TRUST_PROXY", "1");
    for (let i = 0; i < 25; i++) {
      requestHeaders = new Headers({ "x-forwarded-for": `203.0.113.${i}` });
      await attempt(`wrong-${i}`);
    }
    requestHeaders = new Headers({ "x-forwarded-for": "198.51.100.1" });
    expect((await attempt(PASSWORD)).error).toMatch(/^Too many attempts/);

    // The owner's browser carries its device cookie: its own limit, not the strangers'.
    jar.set(DEVICE_COOKIE, device);
    expect(await attempt(PASSWORD, "/gallery")).toEqual({ to: "/gallery" });
  });

  it("gives a forged device cookie nothing", async () => {
    for (let i = 0; i < 5; i++) await attempt(`wrong-${i}`);
    jar.set(DEVICE_COOKIE, `d1.${"A".repeat(22)}.${"B".repeat(43)}`);
    expect((await attempt(PASSWORD)).error).toMatch(/^Too many attempts/);
  });

  it("still limits the owner's own browser", async () => {
    await attempt(PASSWORD);
    for (let i = 0; i < 5; i++) await attempt(`wrong-${i}`);
    expect((await attempt(PASSWORD)).error).toMatch(/^Too many attempts/);
  });
});
