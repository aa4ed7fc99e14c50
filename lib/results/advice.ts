import type { ErrorCode } from "@/lib/providers/types";

/**
 * What to do about a failure, in one sentence that names the provider and any variable to set. `emulated`: the built-in
 * emulator served (or was to serve) it, so an unreachable provider is the emulator not running, not the network.
 */
export function errorAdvice(code: ErrorCode, p: { label: string; keyEnv: string; baseUrlEnv: string }, emulated = false): string | null {
  if (emulated && code === "network") {
    return "The built-in provider emulator is not answering: run the app with npm start or npm run dev (they start it), or start it with npm run emulator, then retry.";
  }
  switch (code) {
    case "auth":
    case "not_configured":
      return `Set ${p.keyEnv} on the server to a valid ${p.label} key, restart, then retry.`;
    case "quota":
      return `Top up the ${p.label} account or raise its spending limit, or pick another provider.`;
    case "rate_limited":
      return "Wait a moment, then retry.";
    case "rejected":
      return `Check that ${p.baseUrlEnv} points at ${p.label}'s API and that the model is still offered, then retry.`;
    case "upstream":
      return `Retry in a moment; if it keeps failing, ${p.label}'s own service is having trouble.`;
    case "timeout":
      // Counted against the caps as billed (lib/db/queue.ts): the provider may have finished it after we stopped waiting.
      return `${p.label} may be busy, and may still have run (and billed) the request: check its dashboard, then retry.`;
    case "network":
      return `Check the server's connection and ${p.baseUrlEnv}, then retry.`;
    case "invalid_input":
      return "Change the parameters the provider named, then retry.";
    case "content_filtered":
      return "Reword the prompt, then retry.";
    case "interrupted":
      return `Check ${p.label}'s dashboard before retrying: the request may have been billed, and a retry is billed again.`;
    case "storage":
      return "Make the image folder writable (the health check says what is wrong), then retry: the image is saved without a new charge.";
    case "expired":
      return `Run it again: ${p.label} no longer serves this image, and the new request is billed again.`;
    case "canceled":
    case "internal":
      return null;
  }
}
