import { z } from "zod";

// zod probes for eval (`Function("")`) to compile faster parsers. The Content-Security-Policy (next.config.ts) forbids
// eval, and the probe alone is reported as a violation, so it is turned off. The probe runs at the first parse;
// this module is imported by lib/providers/types.ts (every schema) and by the root layout's client provider (every
// page), so it always runs first.
z.config({ jitless: true });
