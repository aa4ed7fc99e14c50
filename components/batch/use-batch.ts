"use client";
import { useQuery } from "@tanstack/react-query";
import { terminalStatuses, type RunDTO } from "@/lib/db/dto";
import { queryKeys, readRun } from "@/lib/client/api";

/** Follows a batch until every cell has ended; slower than a single run's polling, since a batch is bigger. */
export function useBatch(initial: RunDTO) {
  return useQuery({
    queryKey: queryKeys.run(initial.id),
    // A star or a delete made here while a read was on its way has it read again (lib/client/fresh-read.ts).
    queryFn: () => readRun(initial.id),
    initialData: initial,
    refetchInterval: (q) => (q.state.data && q.state.data.generations.every((g) => terminalStatuses.includes(g.status)) ? false : 1000),
  });
}
