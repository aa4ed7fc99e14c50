"use client";
import { useSyncExternalStore } from "react";

// Why a retry was refused (e.g. over budget), by generation id, for whichever view shows that generation's button.
// Its own module, free of any data-fetching library, so the playground's light cards can use it too.
const refusals = new Map<string, string>();
const listeners = new Set<() => void>();

export function setRetryRefusal(id: string, message: string | null) {
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
