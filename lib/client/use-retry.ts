"use client";
import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { retryGeneration } from "@/lib/actions/retry-generation";
import { queryKeys } from "@/lib/client/api";
import { setRetryRefusal } from "@/lib/client/retry-refusals";

/** Retry one failed generation and start following it again. */
export function useRetry(id: string) {
  const client = useQueryClient();
  const [pending, setPending] = useState(false);
  const run = async () => {
    setPending(true);
    try {
      const result = await retryGeneration(id).catch(() => null);
      setRetryRefusal(id, result ? (result.ok ? null : result.message) : "The server could not be reached.");
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
