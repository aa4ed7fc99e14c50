"use client";
import type { RunDTO } from "@/lib/db/dto";
import { useEmbedSettings } from "@/components/generation/embed-settings";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { Download, Star } from "lucide-react";
import { toggleFavorite } from "@/lib/actions/toggle-favorite";
import { queryKeys } from "@/lib/client/api";
import { cn } from "@/lib/utils";
import { Button } from "@/components/ui/button";
import { useGalleryCache } from "./gallery-cache";
import { DeleteItemButton, deleteWarning } from "./delete-item-button";

export { DeleteItemButton, deleteWarning };

/** Star, download and delete for one gallery item, as the detail views show them. */

export function FavoriteButton({ runId, favorite }: { runId: string; favorite: boolean }) {
  const cache = useGalleryCache();
  // Local, so the star answers at once; a newer value from the parent (e.g. a refetched run) wins.
  const [state, setState] = useState({ from: favorite, on: favorite });
  if (state.from !== favorite) setState({ from: favorite, on: favorite });
  const on = state.from !== favorite ? favorite : state.on;
  const toggle = async () => {
    const next = !on;
    setState((s) => ({ ...s, on: next }));
    cache.setFavorite(runId, next);
    const result = await toggleFavorite({ runId, favorite: next }).catch(() => null);
    if (!result?.ok) {
      setState((s) => ({ ...s, on: !next }));
      cache.setFavorite(runId, !next);
    } else cache.edited(runId);
  };
  return (
    <Button size="sm" variant="outline" aria-pressed={on} onClick={() => void toggle()}>
      <Star aria-hidden className={cn(on && "fill-amber-400 text-amber-500")} /> Favourite
    </Button>
  );
}

/** A zip of the run; its images carry their settings or none, as the "Embed settings" switch says. */
export function DownloadZipButton({ runId }: { runId: string }) {
  const [embed] = useEmbedSettings();
  return (
    <Button asChild size="sm" variant="outline">
      <a href={`/api/export?runs=${runId}&embed=${embed ? 1 : 0}`} download>
        <Download aria-hidden /> Download zip
      </a>
    </Button>
  );
}


/** Delete for a run view: the whole run, or one target of it. */
export function DeleteRunButton({ runId, kind }: { runId: string; kind: RunDTO["kind"] }) {
  const router = useRouter();
  const cache = useGalleryCache();
  return (
    <DeleteItemButton
      target={{ runIds: [runId] }}
      title={kind === "compare" ? "Delete this comparison?" : "Delete this run?"}
      description={`Every generation in it is deleted. ${deleteWarning}`}
      onDeleted={() => {
        cache.removeRuns([runId]);
        router.push("/gallery");
      }}
    />
  );
}

/** Delete one generation; where it goes after depends on whether its run is left. */
export function DeleteGenerationButton({
  generationId,
  runId,
  stay,
  label,
  quiet,
}: {
  generationId: string;
  runId: string;
  stay?: boolean;
  label?: string;
  quiet?: boolean;
}) {
  const router = useRouter();
  const client = useQueryClient();
  const cache = useGalleryCache();
  return (
    <DeleteItemButton
      target={{ generationId }}
      label={label}
      quiet={quiet}
      title="Delete this generation?"
      description={deleteWarning}
      onDeleted={(result) => {
        cache.edited(runId);
        cache.resetGallery();
        client.removeQueries({ queryKey: queryKeys.generation(generationId) });
        if (result.runDeleted) router.push("/gallery");
        else if (stay) void client.invalidateQueries({ queryKey: queryKeys.run(runId) });
        else router.push(`/runs/${runId}`);
      }}
    />
  );
}
