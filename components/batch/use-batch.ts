"use client";
import { useQuery } from "@tanstack/react-query";
import { terminalStatuses, type RunDTO } from "@/lib/db/dto";
import { queryKeys } from "@/lib/client/api";

/** Follows a batch until every cell has ended; slower than a single run's polling, since a batch is bigger. */
export function useBatch(initial: RunDTO) {
  return useQuery({
    queryKey: queryKeys.run(initial.id),
    queryFn: async () => {
      const res = await fetch(`/api/runs/${initial.id}`, { cache: "no-store" });
      if (!res.ok) throw new Error(`Request failed (HTTP ${res.status})`);
      return (await res.json()) as RunDTO;
    },
    initialData: initial,
    refetchInterval: (q) => (q.state.data && q.state.data.generations.every((g) => terminalStatuses.includes(g.status)) ? false : 1000),
  });
}
