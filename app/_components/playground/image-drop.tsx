"use client";
import { useEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { ImageDown, ImageUp, Loader2, X } from "lucide-react";
import type { LoadedSettings, LoadNotes } from "@/lib/metadata/settings-to-form";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { MAX_IMAGE_BYTES, formatBytes } from "@/lib/limits";
import { loadJson, targetKey } from "@/lib/client/storage";

const ACCEPT = "image/png,image/jpeg,image/webp";

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes("Files");

/** Reads the embedded settings on the server (the PNG reader needs zlib), maps them in the browser. */
async function readFile(file: File, target: { provider: string; id: string }) {
  if (file.size > MAX_IMAGE_BYTES) throw new Error(`${file.name} is larger than ${formatBytes(MAX_IMAGE_BYTES)}.`);
  // The server reads only image types; a file without one is named by its extension.
  const ext = /\.(png|jpe?g|webp)$/i.exec(file.name)?.[1]?.toLowerCase();
  const type = file.type || (ext ? `image/${ext === "jpg" ? "jpeg" : ext}` : "application/octet-stream");
  const res = await fetch("/api/settings-from-image", { method: "POST", headers: { "Content-Type": type }, body: file });
  const body = (await res.json().catch(() => null)) as
    | { a1111?: string | null; json?: string | null; error?: string; message?: string }
    | null;
  if (!res.ok || !body) throw new Error(body?.message ?? body?.error ?? `The file could not be read (HTTP ${res.status}).`);
  const current = loadJson<Record<string, unknown>>(`form:${targetKey(target.provider, target.id)}`) ?? {};
  // The A1111 parser, the sampler tables and the schemas load only when someone actually drops an image.
  const [{ settingsToForm }, { getModel, getProvider }] = await Promise.all([
    import("@/lib/metadata/settings-to-form"),
    import("@/lib/providers"),
  ]);
  const provider = getProvider(target.provider);
  const model = getModel(target.provider, target.id);
  if (!provider || !model) throw new Error("The selected model is no longer offered.");
  return settingsToForm(body, { provider, model }, current, file.name);
}

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
      const loaded = await readFile(file, target);
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
      {reader.error && (
        <Alert variant="destructive" role="alert">
          <AlertDescription className="flex items-start justify-between gap-2">
            <span>{reader.error}</span>
            <DismissButton onClick={() => reader.setError(null)} />
          </AlertDescription>
        </Alert>
      )}
      {dragging && <DropOverlay />}
    </div>
  );
}

/** Portalled: the parameters column is sticky, a stacking context the overlay must not be confined to. */
function DropOverlay() {
  return createPortal(
    <div
      aria-hidden
      className="bg-background/80 pointer-events-none fixed inset-0 z-[100] flex items-center justify-center p-6 backdrop-blur-sm"
    >
      <div className="border-primary text-foreground flex h-full w-full flex-col items-center justify-center gap-3 rounded-2xl border-2 border-dashed">
        <ImageDown className="size-10 opacity-70" />
        <p className="text-lg font-medium">Drop an image to load its settings</p>
        <p className="text-muted-foreground text-sm">Playground images and AUTOMATIC1111 PNG/JPEG/WebP files</p>
      </div>
    </div>,
    document.body,
  );
}

function DismissButton({ onClick }: { onClick: () => void }) {
  return (
    <Button type="button" variant="ghost" size="icon-sm" className="-my-1 shrink-0" aria-label="Dismiss" onClick={onClick}>
      <X aria-hidden />
    </Button>
  );
}

/** "Loaded 7 settings from image.png; not used: Model hash, …" with every unused key, its value and why. */
export function LoadNotesPanel({ notes, onDismiss }: { notes: LoadNotes; onDismiss: () => void }) {
  const { fileName, used, unused, adjustments, source } = notes;
  const summary = `Loaded ${used} setting${used === 1 ? "" : "s"} from ${fileName}`;
  return (
    <Alert role="status" aria-label="Settings loaded from image">
      <AlertTitle className="flex items-start justify-between gap-2">
        <span>
          {summary}
          {unused.length > 0 ? `; not used: ${unused.map((u) => u.key).join(", ")}` : "."}
        </span>
        <DismissButton onClick={onDismiss} />
      </AlertTitle>
      <AlertDescription className="grid gap-2">
        <p className="text-xs">
          {source === "ours"
            ? "Playground settings: the model and form are as they were for that image."
            : "AUTOMATIC1111 parameters, mapped onto the selected model."}
        </p>
        {adjustments.length > 0 && (
          <ul className="list-disc pl-4 text-xs" aria-label="Adjusted">
            {adjustments.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        )}
        {unused.length > 0 && (
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs" aria-label="Not used">
            {unused.map((u) => (
              <div key={`${u.key}=${u.value}`} className="contents">
                <dt className="font-medium">{u.key}</dt>
                <dd className="min-w-0 break-words">
                  <span className="font-mono">{u.value.length > 120 ? `${u.value.slice(0, 119)}…` : u.value}</span>
                  <span className="text-muted-foreground"> · {u.reason}</span>
                </dd>
              </div>
            ))}
          </dl>
        )}
      </AlertDescription>
    </Alert>
  );
}
