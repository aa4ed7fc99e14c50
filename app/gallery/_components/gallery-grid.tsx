"use client";
import Link from "next/link";
import { useEffect, useRef } from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { ImageOff, Loader2 } from "lucide-react";
import type { GenerationDTO, Page, RunDTO } from "@/lib/db/dto";
import { fetchRunsPage, queryKeys } from "@/lib/client/api";
import { getModel, getProvider } from "@/lib/providers";
import { statusLabel } from "@/components/generation/generation-card";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";

const isActive = (g: GenerationDTO) => g.status === "queued" || g.status === "running";

export function GalleryGrid({ first }: { first: Page<RunDTO> }) {
  const query = useInfiniteQuery({
    queryKey: queryKeys.runs(),
    queryFn: ({ pageParam }) => fetchRunsPage(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: { pages: [first], pageParams: [null] },
    // Keep badges of running items fresh.
    refetchInterval: (q) =>
      q.state.data?.pages.some((p) => p.items.some((r) => r.generations.some(isActive))) ? 1500 : false,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;

  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasNextPage) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
    }, { rootMargin: "600px" });
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  if (items.length === 0) {
    return (
      <div className="text-muted-foreground flex min-h-[40vh] flex-col items-center justify-center gap-3 rounded-xl border border-dashed p-8 text-center">
        <ImageOff className="size-8 opacity-60" aria-hidden />
        <p className="text-foreground text-sm font-medium">Nothing here yet</p>
        <p className="text-sm">
          Generations you run in the{" "}
          <Link href="/" className="text-foreground underline underline-offset-2">
            playground
          </Link>{" "}
          are kept here, with their images and settings.
        </p>
      </div>
    );
  }

  return (
    <>
      <ul aria-label="Generations" className="grid grid-cols-2 gap-2 sm:grid-cols-3 md:grid-cols-4 lg:grid-cols-5 xl:grid-cols-6 2xl:grid-cols-8">
        {items.map((run) => (
          <li key={run.id}>
            {run.kind === "compare" ? <RunTile run={run} /> : run.generations[0] && <GalleryTile g={run.generations[0]} />}
          </li>
        ))}
      </ul>
      <div ref={sentinel} className="flex justify-center py-6">
        {hasNextPage && (
          <Button variant="outline" size="sm" onClick={() => void fetchNextPage()} disabled={isFetchingNextPage}>
            {isFetchingNextPage && <Loader2 className="animate-spin" aria-hidden />} Load more
          </Button>
        )}
      </div>
    </>
  );
}

function GalleryTile({ g }: { g: GenerationDTO }) {
  const provider = getProvider(g.provider)?.label ?? g.provider;
  const model = getModel(g.provider, g.model)?.label ?? g.model;
  const img = g.images[0];
  return (
    <Link
      href={`/gallery/${g.id}`}
      className="group bg-muted focus-visible:ring-ring relative block aspect-square overflow-hidden rounded-md outline-none focus-visible:ring-2"
      aria-label={`${provider} ${model}: ${g.prompt}`}
    >
      {img ? (
        // eslint-disable-next-line @next/next/no-img-element -- stored WebP thumbnail
        <img src={img.thumbUrl} alt="" className="h-full w-full object-cover" loading="lazy" />
      ) : (
        <span className="text-muted-foreground flex h-full items-center justify-center p-3 text-center text-xs">
          {g.status === "failed" ? (g.error?.message ?? "Failed") : statusLabel(g)}
        </span>
      )}
      <div className="absolute inset-x-0 top-0 flex gap-1 p-1.5">
        {g.status !== "succeeded" && (
          <Badge variant={g.status === "failed" ? "destructive" : "secondary"} className="bg-background/90">
            {statusLabel(g)}
          </Badge>
        )}
        {g.emulated && <Badge variant="outline" className="bg-background/90">emulated</Badge>}
        {g.images.length > 1 && <Badge variant="secondary" className="ml-auto">{g.images.length}</Badge>}
      </div>
      <div className="absolute inset-x-0 bottom-0 translate-y-full bg-gradient-to-t from-black/80 to-black/0 p-2 pt-6 text-xs text-white transition-transform group-hover:translate-y-0 group-focus-visible:translate-y-0">
        <p className="line-clamp-3">{g.prompt}</p>
        <p className="mt-1 opacity-75">
          {provider} · {model}
        </p>
      </div>
    </Link>
  );
}

/** A comparison is one item: a mosaic of its targets' first images, opening the comparison view. */
function RunTile({ run }: { run: RunDTO }) {
  const gens = run.generations.slice(0, 4);
  const failed = run.generations.filter((g) => g.status === "failed").length;
  const active = run.generations.some(isActive);
  return (
    <Link
      href={`/runs/${run.id}`}
      className="group bg-muted focus-visible:ring-ring relative block aspect-square overflow-hidden rounded-md outline-none focus-visible:ring-2"
      aria-label={`Comparison of ${run.generations.length} targets: ${run.prompt}`}
    >
      <div className="grid h-full w-full grid-cols-2 grid-rows-2 gap-px">
        {gens.map((g) =>
          g.images[0] ? (
            // eslint-disable-next-line @next/next/no-img-element -- stored WebP thumbnail
            <img key={g.id} src={g.images[0].thumbUrl} alt="" className="h-full w-full object-cover" loading="lazy" />
          ) : (
            <span key={g.id} className="bg-muted-foreground/10 text-muted-foreground flex items-center justify-center text-[10px]">
              {statusLabel(g)}
            </span>
          ),
        )}
      </div>
      <div className="absolute inset-x-0 top-0 flex gap-1 p-1.5">
        <Badge variant="secondary" className="bg-background/90">
          Compare · {run.generations.length}
        </Badge>
        {active && <Badge variant="outline" className="bg-background/90">Running</Badge>}
        {failed > 0 && <Badge variant="destructive" className="bg-background/90">{failed} failed</Badge>}
      </div>
      <div className="absolute inset-x-0 bottom-0 translate-y-full bg-gradient-to-t from-black/80 to-black/0 p-2 pt-6 text-xs text-white transition-transform group-hover:translate-y-0 group-focus-visible:translate-y-0">
        <p className="line-clamp-3">{run.prompt}</p>
      </div>
    </Link>
  );
}
