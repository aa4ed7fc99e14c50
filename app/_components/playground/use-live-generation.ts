"use client";
import { useCallback, useEffect, useState } from "react";
import { terminalStatuses, type GenerationDTO } from "@/lib/db/dto";
import { retryGeneration } from "@/lib/actions/retry-generation";
import { setRetryRefusal } from "@/lib/client/retry-refusals";

const POLL_MS = 400;

/**
 * Follows one generation until it ends, polling fast while it runs, and retries it. The playground's own small
 * poller (the run and gallery views use TanStack Query through lib/client/api.ts): the first page people open
 * should not download a data-fetching library for a handful of cards.
 */
export function useLiveGeneration(id: string, initial?: GenerationDTO) {
  // A finished result the page already carries is shown as is, with no request; anything else is followed.
  const [data, setData] = useState<GenerationDTO | undefined>(initial);
  const settled = initial !== undefined && terminalStatuses.includes(initial.status);
  const [error, setError] = useState<Error>();
  // Bumped by a retry: following starts again even though the last answer was terminal.
  const [round, setRound] = useState(0);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    if (settled && round === 0) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    const poll = async () => {
      try {
        const res = await fetch(`/api/generations/${encodeURIComponent(id)}`, { cache: "no-store" });
        if (!res.ok) throw new Error(res.status === 404 ? "Not found" : `Request failed (HTTP ${res.status})`);
        const g = (await res.json()) as GenerationDTO;
        if (stopped) return;
        failures = 0;
        setData(g);
        setError(undefined);
        if (!terminalStatuses.includes(g.status)) timer = setTimeout(() => void poll(), POLL_MS);
      } catch (e) {
        if (stopped) return;
        // A blip is retried with backoff (1, 2, 4 s) before it is shown.
        if (failures < 3) timer = setTimeout(() => void poll(), 1000 * 2 ** failures++);
        else setError(e instanceof Error ? e : new Error("Request failed"));
      }
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [id, round, settled]);

  const retry = useCallback(async () => {
    setPending(true);
    try {
      const result = await retryGeneration(id);
      // A refused retry (e.g. over budget) says why beside its button; nothing was queued, so nothing to follow.
      setRetryRefusal(id, result.ok ? null : result.message);
      if (result.ok) setRound((r) => r + 1);
    } finally {
      setPending(false);
    }
  }, [id]);

  return { data, error, retry: () => void retry(), retrying: pending };
}
