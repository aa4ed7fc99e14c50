import { test as base, expect, type Page } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { APP_PORT, CANARY_KEYS, EMULATOR_ENTRY, EMULATOR_PORT, ROOT, appEnv, emulatorUrl } from "./env";
import { startProcess, type Proc } from "./processes";

export interface Servers {
  appUrl: string;
  emulatorUrl: string;
  /** Stop and start the app server on the same database and image folder. */
  restartApp(): Promise<void>;
  /** The app server's resident memory in bytes. */
  appRssBytes(): number;
  /** Everything the app server has logged so far. */
  appOutput(): string;
}

const canaries = Object.values(CANARY_KEYS);
const textual = /json|text|javascript|html|x-component|css/;

/** A console line the browser writes when the Content-Security-Policy blocks something. */
const cspConsole = /Content Security Policy|Content-Security-Policy|CSP violation/i;

export const test = base.extend<{ leaks: string[]; cspViolations: string[] }, { servers: Servers }>({
  servers: [
    async ({}, use, workerInfo) => {
      const dataDir = path.join(ROOT, "test-results", `e2e-data-${Date.now()}-${workerInfo.workerIndex}`);
      fs.mkdirSync(dataDir, { recursive: true });
      const emulator = await startProcess(process.execPath, [EMULATOR_ENTRY], { EMULATOR_PORT: String(EMULATOR_PORT) }, `${emulatorUrl}/__emulator/stats`);
      const appUrl = `http://127.0.0.1:${APP_PORT}`;
      const startApp = () =>
        startProcess("next", ["start", "--port", String(APP_PORT), "--hostname", "127.0.0.1"], appEnv(dataDir), `${appUrl}/api/health`);
      let app: Proc = await startApp();
      await use({
        appUrl,
        emulatorUrl,
        restartApp: async () => {
          await app.stop();
          app = await startApp();
        },
        appRssBytes: () => app.rssBytes(),
        appOutput: () => app.output(),
      });
      const output = app.output();
      await app.stop();
      await emulator.stop();
      // The server log must not carry keys either.
      for (const key of canaries) expect(output, "server log leaks a key").not.toContain(key);
    },
    { scope: "worker", timeout: 300_000 },
  ],
  baseURL: async ({ servers }, use) => use(servers.appUrl),
  leaks: async ({}, use) => use([]),
  cspViolations: async ({}, use) => use([]),
  // Every response the browser receives is scanned for the canary keys, and the app must pass its own
  // Content-Security-Policy: any violation (event or console error) fails the test.
  page: async ({ page, leaks, cspViolations }, use) => {
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`);
      });
    });
    page.on("console", (msg) => {
      if (msg.type() === "error" && cspConsole.test(msg.text())) cspViolations.push(msg.text());
    });
    const pending: Promise<void>[] = [];
    page.on("response", (res) => {
      const type = res.headers()["content-type"] ?? "";
      if (!textual.test(type)) return;
      pending.push(
        res
          .text()
          .then((body) => {
            for (const key of canaries) if (body.includes(key)) leaks.push(`${res.url()} contains a key`);
          })
          .catch(() => {}),
      );
    });
    await use(page);
    await Promise.all(pending);
    expect(leaks, "a response leaked a provider key").toEqual([]);
    expect(cspViolations, "the page broke its Content-Security-Policy").toEqual([]);
  },
});

export { expect };

/** Configure the emulator for one provider (latency, fault) through its control API. */
export async function emulatorConfig(servers: Servers, body: Record<string, unknown>) {
  const res = await fetch(`${servers.emulatorUrl}/__emulator/config`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.ok).toBe(true);
}

export async function emulatorReset(servers: Servers) {
  await fetch(`${servers.emulatorUrl}/__emulator/reset`, { method: "POST" });
}

export function screenshotPath(name: string) {
  const dir = path.join(ROOT, "test-results", "screenshots");
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}

export type { Page };
