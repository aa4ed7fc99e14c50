"use client";
import { useQuery } from "@tanstack/react-query";
import type { GenerationDTO, RunDTO } from "@/lib/db/dto";
import { terminalStatuses } from "@/lib/db/dto";

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { cache: "no-store" });
  if (!res.ok) throw new Error(res.status === 404 ? "Not found" : `Request failed (HTTP ${res.status})`);
  return (await res.json()) as T;
}

export const queryKeys = {
  generation: (id: string) => ["generation", id] as const,
  run: (id: string) => ["run", id] as const,
  runs: () => ["runs"] as const,
};

const isDone = (g: GenerationDTO) => terminalStatuses.includes(g.status);

/** Follows one generation until it ends (polling fast while it runs). */
export function useGeneration(id: string, initial?: GenerationDTO) {
  return useQuery({
    queryKey: queryKeys.generation(id),
    queryFn: () => getJson<GenerationDTO>(`/api/generations/${id}`),
    initialData: initial,
    refetchInterval: (q) => (q.state.data && isDone(q.state.data) ? false : 400),
  });
}

/** Follows a run until every generation in it has ended. */
export function useRun(id: string, initial?: RunDTO) {
  return useQuery({
    queryKey: queryKeys.run(id),
    queryFn: () => getJson<RunDTO>(`/api/runs/${id}`),
    initialData: initial,
    refetchInterval: (q) => (q.state.data && q.state.data.generations.every(isDone) ? false : 400),
  });
}

export function fetchGeneration(id: string) {
  return getJson<GenerationDTO>(`/api/generations/${id}`);
}
