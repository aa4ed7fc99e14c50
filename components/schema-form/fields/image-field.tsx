"use client";

import * as React from "react";
import { ImageUpIcon, XIcon } from "lucide-react";
import { useController } from "react-hook-form";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { ImageFieldDescriptor } from "@/lib/params/descriptors";
import { describedBy, FieldShell, useFieldError, useFieldIds } from "./field-shell";

import { IMAGE_MIME_TYPES, MAX_IMAGE_BYTES } from "@/lib/limits";
import { formatBytes } from "@/lib/format";

const IMAGE_TYPES = IMAGE_MIME_TYPES;

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => (typeof reader.result === "string" ? resolve(reader.result) : reject(new Error("unreadable")));
    reader.onerror = () => reject(reader.error ?? new Error("unreadable"));
    reader.readAsDataURL(file);
  });
}

/** Why a file can't be used, or undefined when it can. */
function checkImageFile(file: Pick<File, "type" | "size">): string | undefined {
  if (!(IMAGE_TYPES as readonly string[]).includes(file.type)) return "Choose a PNG, JPEG or WebP image.";
  if (file.size > MAX_IMAGE_BYTES) return `The image is larger than ${formatBytes(MAX_IMAGE_BYTES)}.`;
  return undefined;
}

/** Reads a chosen file into a data URL, refusing what the server would; `localError` says why. */
function useImageFile(onChange: (value: string | undefined) => void) {
  const [localError, setLocalError] = React.useState<string>();
  // The file name belongs to the data URL it was read into; after a reset it no longer applies.
  const [file, setFile] = React.useState<{ name: string; dataUrl: string }>();
  const onFile = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const chosen = input.files?.[0];
    if (!chosen) return;
    const problem = checkImageFile(chosen);
    if (problem) {
      setLocalError(problem);
      input.value = "";
      return;
    }
    try {
      const dataUrl = await readAsDataUrl(chosen);
      setLocalError(undefined);
      setFile({ name: chosen.name, dataUrl });
      onChange(dataUrl);
    } catch {
      setLocalError("The file could not be read.");
    }
    // Allow choosing the same file again after removing it.
    input.value = "";
  };
  return { localError, setLocalError, file, onFile };
}

function ImagePreview({ src, caption, disabled, onRemove }: { src: string; caption: string | undefined; disabled?: boolean | undefined; onRemove: () => void }) {
  return (
    <div className="flex items-center gap-3 rounded-md border bg-muted/40 p-2">
      {/* eslint-disable-next-line @next/next/no-img-element -- data: and arbitrary remote URLs; next/image can't optimise either */}
      <img src={src} alt="" className="size-12 shrink-0 rounded-sm border bg-background object-cover" />
      <span className="min-w-0 flex-1 truncate text-xs text-muted-foreground" title={caption}>
        {caption}
      </span>
      <Button type="button" variant="ghost" size="icon-sm" aria-label="Remove" disabled={disabled} onClick={onRemove}>
        <XIcon />
      </Button>
    </div>
  );
}

/**
 * An image sent as a data URL (from a file) or an https URL (pasted). The sub-controls are named "URL" and
 * "Remove" rather than after the field, so `getByLabel(<field label>)` finds only the file input.
 */
export function ImageField({ descriptor, disabled }: { descriptor: ImageFieldDescriptor; disabled?: boolean }) {
  const { name, label, help } = descriptor;
  const {
    field: { ref, value: raw, onChange, onBlur },
  } = useController({ name, shouldUnregister: !!descriptor.showWhen });
  const formError = useFieldError(name);
  const { id, helpId, errorId } = useFieldIds();
  const { localError, setLocalError, file, onFile } = useImageFile(onChange);

  const value = typeof raw === "string" && raw !== "" ? raw : undefined;
  const isDataUrl = value?.startsWith("data:") ?? false;
  const urlText = value && !isDataUrl ? value : "";
  const urlProblem = urlText && !/^https:\/\//i.test(urlText) ? "Paste an https:// URL." : undefined;
  const error = localError ?? urlProblem ?? formError;
  const caption = isDataUrl ? (file && file.dataUrl === value ? file.name : "Uploaded image") : value;

  return (
    <FieldShell id={id} label={label} help={help} helpId={helpId} error={error} errorId={errorId}>
      {value && (
        <ImagePreview
          src={value}
          caption={caption}
          disabled={disabled}
          onRemove={() => {
            setLocalError(undefined);
            onChange(undefined);
          }}
        />
      )}
      {/* The native file control is visually hidden (it still takes focus and the label); a styled box stands in. */}
      <div className="relative">
        <input
          id={id}
          ref={ref}
          type="file"
          accept={IMAGE_TYPES.join(",")}
          onChange={(e) => void onFile(e)}
          onBlur={onBlur}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(help && helpId, error && errorId)}
          className="peer sr-only"
        />
        <span
          aria-hidden
          onClick={() => !disabled && document.getElementById(id)?.click()}
          className="flex h-9 cursor-pointer items-center gap-2 rounded-md border border-dashed border-input px-3 text-sm text-muted-foreground hover:bg-accent/50 peer-focus-visible:ring-2 peer-focus-visible:ring-ring peer-disabled:cursor-not-allowed peer-disabled:opacity-50"
        >
          <ImageUpIcon className="size-4" />
          {value && isDataUrl ? "Choose another image…" : "Choose an image…"}
        </span>
      </div>
      <Input
        id={`${id}-url`}
        type="url"
        inputMode="url"
        aria-label="URL"
        placeholder="…or paste an https:// URL"
        value={urlText}
        onChange={(e) => {
          setLocalError(undefined);
          const text = e.target.value.trim();
          onChange(text === "" ? undefined : text);
        }}
        disabled={disabled}
        aria-invalid={urlProblem ? true : undefined}
        aria-describedby={describedBy(error && errorId)}
      />
    </FieldShell>
  );
}
