// `npm run worker`: a runner-only process (no HTTP server) that works the shared queue. Run as many as you like
// next to web instances started with RUNNER=off; they share the database (Postgres) and the image store (bucket).
import path from "node:path";
import { existsSync } from "node:fs";

const root = path.resolve(import.meta.dirname, "..");
for (const file of [".env.local", ".env"]) {
  if (existsSync(path.join(root, file))) process.loadEnvFile(path.join(root, file));
}

const { checkStartup } = await import("../lib/startup");
await checkStartup("worker");
const { markWorker, runner, wakeRunner } = await import("../lib/jobs/runner");
// On SIGTERM stop claiming and let jobs in flight finish (a deploy); their leases cover a hard kill anyway. Listening
// before the first claim, and before saying it works the queue.
const { drainOnSignals } = await import("../lib/jobs/drain");
drainOnSignals("worker");
markWorker();
await wakeRunner();
console.log(`[worker] ${runner().workerId} is working the queue`);
setInterval(() => undefined, 1 << 30);
