/**
 * CLI: `node emulator/dist/main.js [--port 4010] [--host 127.0.0.1]` after `npm run build:emulator` (or `npm run
 * emulator`, which builds it when needed).
 * The port also comes from EMULATOR_PORT. Prints one line when ready; exits cleanly on SIGINT/SIGTERM.
 */
import { startEmulator } from "./server";

function arg(name: string): string | undefined {
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (a === `--${name}`) return argv[i + 1];
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return undefined;
}

const portText = arg("port") ?? process.env.EMULATOR_PORT ?? "4010";
const port = Number(portText);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`invalid port: ${portText}`);
  process.exit(2);
}
const host = arg("host") ?? process.env.EMULATOR_HOST ?? "127.0.0.1";

async function main(): Promise<void> {
  const emulator = await startEmulator({ port, host, publicUrl: process.env.EMULATOR_PUBLIC_URL });
  console.log(`provider emulator listening on ${emulator.url}`);

  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      emulator.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

// Compiled to CommonJS (no top-level await): start, and exit non-zero if the port cannot be taken.
main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
