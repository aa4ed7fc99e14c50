export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // Start the runner with the server, so queued work resumes after a restart without waiting for a request.
    const { wakeRunner } = await import("./lib/jobs/runner");
    await wakeRunner();
    // Private by default (lib/auth): say plainly when the server is open to the network without a password.
    const { warnIfExposed } = await import("./lib/auth/exposure");
    warnIfExposed();
  }
}
