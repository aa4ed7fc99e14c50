"use client";
import { useQuery } from "@tanstack/react-query";
import type { GenerationDTO, RunDTO } from "@/lib/db/dto";
import { terminalStatuses } from "@/lib/db/dto";
import { INPUT_IMAGE_PATH } from "@/lib/input-images";
import { readUnlessOvertaken, runEditCount } from "./fresh-read";

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

/**
 * The run as the server has it. A star or a delete made here while the read was on its way (./fresh-read.ts) has it
 * read again: the answer may predate the edit, and would put the old star back. A failed read, or one overtaken
 * every time, throws: the query keeps what it shows and tries again.
 */
export async function readRun(id: string): Promise<RunDTO> {
  const run = await readUnlessOvertaken(() => getJson<RunDTO>(`/api/runs/${id}`), () => runEditCount(id));
  if (!run) throw new Error("The run could not be read.");
  return run;
}

/** Follows a run until every generation in it has ended. */
export function useRun(id: string, initial?: RunDTO) {
  return useQuery({
    queryKey: queryKeys.run(id),
    queryFn: () => readRun(id),
    initialData: initial,
    refetchInterval: (q) => (q.state.data && q.state.data.generations.every(isDone) ? false : 400),
  });
}

async function toDataUrl(url: string): Promise<string> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`The input image could not be loaded (HTTP ${res.status}).`);
  const blob = await res.blob();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error("The input image could not be read."));
    reader.readAsDataURL(blob);
  });
}

/** One generation with its input images inlined again (the API links to them), ready to load into the form. */
export async function fetchGeneration(id: string) {
  const g = await getJson<GenerationDTO>(`/api/generations/${id}`);
  const input = Object.fromEntries(
    await Promise.all(
      Object.entries(g.input).map(async ([k, v]) => [k, typeof v === "string" && INPUT_IMAGE_PATH.test(v) ? await toDataUrl(v) : v]),
    ),
  ) as Record<string, unknown>;
  return { ...g, input };
}
