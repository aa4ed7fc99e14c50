"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";

/*
 * Only the pages that fetch live data (playground, gallery, a generation, a run) render this, so pages without it
 * ship no data-fetching library. One client per browser tab keeps the cache across those pages; the server makes a
 * fresh one per render so requests never share data.
 */
let browserClient: QueryClient | undefined;

function makeClient() {
  return new QueryClient({ defaultOptions: { queries: { staleTime: 5_000, refetchOnWindowFocus: false } } });
}

function getClient() {
  if (typeof window === "undefined") return makeClient();
  browserClient ??= makeClient();
  return browserClient;
}

export function QueryProvider({ children }: { children: React.ReactNode }) {
  return <QueryClientProvider client={getClient()}>{children}</QueryClientProvider>;
}
