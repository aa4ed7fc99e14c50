"use client";
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { ImageUp, Loader2 } from "lucide-react";
import type { LoadedSettings } from "@/lib/metadata/settings-to-form";
import { Button } from "@/components/ui/button";

const ACCEPT = "image/png,image/jpeg,image/webp";

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes("Files");

// Reading a file and the panels around it load with the first drag, pick or drop, not with the page.
const loadUi = () => import("./image-load-ui");
const DropOverlay = lazy(() => loadUi().then((m) => ({ default: m.DropOverlay })));
const LoadError = lazy(() => loadUi().then((m) => ({ default: m.LoadError })));
export const LoadNotesPanel = lazy(() => loadUi().then((m) => ({ default: m.LoadNotesPanel })));

/** Window-wide drag and drop: `dragging` while a file is over the page, `onFile` with the dropped one. */
function useWindowDrop(onFile: (file: File) => void) {
  const [dragging, setDragging] = useState(false);
  const latest = useRef(onFile);
  useEffect(() => {
    latest.current = onFile;
  });
  useEffect(() => {
    let depth = 0;
    // A file input (the input-image field) takes its own drops.
    const ownDrop = (e: DragEvent) => e.target instanceof HTMLInputElement && e.target.type === "file";
    const onEnter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const onLeave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e) || ownDrop(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = "copy";
    };
    const onDrop = (e: DragEvent) => {
      depth = 0;
      setDragging(false);
      if (!hasFiles(e) || ownDrop(e)) return;
      e.preventDefault();
      const file = e.dataTransfer?.files[0];
      if (file) latest.current(file);
    };
    const listeners = { dragenter: onEnter, dragleave: onLeave, dragover: onOver, drop: onDrop } as const;
    for (const [type, fn] of Object.entries(listeners)) window.addEventListener(type, fn as EventListener);
    return () => {
      for (const [type, fn] of Object.entries(listeners)) window.removeEventListener(type, fn as EventListener);
    };
  }, []);
  return dragging;
}

/** Reads a file into settings for the current target; `error` says why not. */
function useSettingsReader(target: { provider: string; id: string }, onLoad: (loaded: LoadedSettings) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const load = async (file: File) => {
    setError(null);
    if (!/^image\//.test(file.type) && !/\.(png|jpe?g|webp)$/i.test(file.name)) {
      setError(`${file.name} is not an image.`);
      return;
    }
    setBusy(true);
    try {
      const loaded = await (await loadUi()).readFile(file, target);
      if (loaded) onLoad(loaded);
      else setError(`No settings found in ${file.name}: it carries neither playground nor AUTOMATIC1111 parameters.`);
    } catch (e) {
      setError(e instanceof Error ? e.message : "The file could not be read.");
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, load };
}

/**
 * Load settings from an image: drop it anywhere on the page (a full-window overlay shows while dragging) or pick it
 * with the "Load settings from image…" button. Our own JSON selects its model; A1111 text maps onto the current one.
 */
export function ImageDrop({
  target,
  onLoad,
}: {
  target: { provider: string; id: string };
  onLoad: (loaded: LoadedSettings) => void;
}) {
  const reader = useSettingsReader(target, onLoad);
  const dragging = useWindowDrop((file) => void reader.load(file));
  const input = useRef<HTMLInputElement>(null);

  return (
    <div className="grid gap-2">
      <div>
        <Button type="button" variant="outline" size="sm" onClick={() => input.current?.click()} disabled={reader.busy}>
          {reader.busy ? <Loader2 className="animate-spin" aria-hidden /> : <ImageUp aria-hidden />}
          Load settings from image…
        </Button>
        <input
          ref={input}
          type="file"
          accept={ACCEPT}
          aria-label="Load settings from image"
          // The button above is the control people use; the input is only its file picker, kept out of the
          // accessibility tree so "Load settings from image" is announced once.
          aria-hidden
          className="sr-only"
          tabIndex={-1}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = "";
            if (file) void reader.load(file);
          }}
        />
      </div>
      <Suspense>
        {reader.error && <LoadError message={reader.error} onDismiss={() => reader.setError(null)} />}
        {dragging && <DropOverlay />}
      </Suspense>
    </div>
  );
}

