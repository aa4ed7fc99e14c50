"use client";
import { createPortal } from "react-dom";
import { ImageDown, X } from "lucide-react";
import type { LoadNotes } from "@/lib/metadata/settings-to-form";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { MAX_IMAGE_BYTES } from "@/lib/limits";
import { formatBytes } from "@/lib/format";
import { loadJson, targetKey } from "@/lib/client/storage";

/*
 * What loading settings from an image needs only once someone drags, picks or drops a file (image-drop.tsx loads it
 * then): reading the file, the drop overlay, the error and the notes on what was loaded.
 */

/** Reads the embedded settings on the server (the PNG reader needs zlib), maps them in the browser. */
export async function readFile(file: File, target: { provider: string; id: string }) {
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

/** Portalled: the parameters column is sticky, a stacking context the overlay must not be confined to. */
export function DropOverlay() {
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

/** Why the file gave no settings. */
export function LoadError({ message, onDismiss }: { message: string; onDismiss: () => void }) {
  return (
    <Alert variant="destructive" role="alert">
      <AlertDescription className="flex items-start justify-between gap-2">
        <span>{message}</span>
        <DismissButton onClick={onDismiss} />
      </AlertDescription>
    </Alert>
  );
}
