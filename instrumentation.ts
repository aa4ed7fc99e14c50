export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // A wrong DATABASE_URL, an unreachable database or bucket: one line and exit, before serving anything.
    const { checkStartup } = await import("./lib/startup");
    await checkStartup("web");
    // Start the runner with the server, so queued work resumes after a restart without waiting for a request
    // (unless RUNNER=off: workers run the queue).
    const { wakeRunner } = await import("./lib/jobs/runner");
    await wakeRunner();
    // A deploy's SIGTERM lets the jobs in flight finish before Next.js closes the server (lib/jobs/drain.ts).
    const { drainOnSignals } = await import("./lib/jobs/drain");
    drainOnSignals("web");
    // Private by default (lib/auth): say plainly when the server is open to the network without a password.
    const { warnIfExposed } = await import("./lib/auth/exposure");
    warnIfExposed();
  }
}
