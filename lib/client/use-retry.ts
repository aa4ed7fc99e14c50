"use client";
import { useState, useSyncExternalStore } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { retryGeneration } from "@/lib/actions/retry-generation";
import { queryKeys } from "@/lib/client/api";

// Why a retry was refused (e.g. over budget), by generation id, for whichever view shows that generation's button.
const refusals = new Map<string, string>();
const listeners = new Set<() => void>();
function setRefusal(id: string, message: string | null) {
  if (message) refusals.set(id, message);
  else refusals.delete(id);
  for (const l of listeners) l();
}
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** The message of this generation's last refused retry, if any. */
export function useRetryRefusal(id: string): string | null {
  return useSyncExternalStore(subscribe, () => refusals.get(id) ?? null, () => null);
}

/** Retry one failed generation and start following it again. */
export function useRetry(id: string) {
  const client = useQueryClient();
  const [pending, setPending] = useState(false);
  const run = async () => {
    setPending(true);
    try {
      const result = await retryGeneration(id);
      setRefusal(id, result.ok ? null : result.message);
      // Whichever view follows it (a single card, or the run it belongs to) starts polling again.
      await Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.generation(id) }),
        client.invalidateQueries({ queryKey: ["run"] }),
      ]);
    } finally {
      setPending(false);
    }
  };
  return { run: () => void run(), pending };
}
