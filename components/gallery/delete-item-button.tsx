"use client";
import { useState } from "react";
import { Trash2 } from "lucide-react";
import { deleteItems, type DeleteItemsResult } from "@/lib/actions/delete-items";
import { cn } from "@/lib/utils";
import { Button, type ButtonProps } from "@/components/ui/button";
import { LazyConfirmDialog } from "@/components/lazy-confirm-dialog";

/**
 * A delete button behind a confirmation dialog. Deletes a whole run, or one generation of a run; the image files go
 * too unless another generation shares them.
 */
export function DeleteItemButton({
  target,
  title,
  description,
  label = "Delete",
  size = "sm",
  quiet = false,
  onDeleted,
}: {
  target: { runIds: string[] } | { generationId: string };
  title: string;
  description: string;
  label?: string;
  size?: ButtonProps["size"];
  /** A ghost button, for repeated places such as each card of a comparison. */
  quiet?: boolean;
  onDeleted: (result: Extract<DeleteItemsResult, { ok: true }>) => void;
}) {
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setPending(true);
    setError(null);
    const result = await deleteItems(target).catch(() => null);
    setPending(false);
    if (result?.ok) {
      setOpen(false);
      onDeleted(result);
    } else setError(result?.message ?? "The server could not be reached.");
  };
  return (
    <>
      <Button
        size={size}
        variant={quiet ? "ghost" : "outline"}
        className={cn("hover:text-destructive", quiet ? "text-muted-foreground" : "text-destructive")}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        <Trash2 aria-hidden /> {label}
      </Button>
      {open && (
        <LazyConfirmDialog
          title={title}
          description={description}
          confirmLabel="Delete"
          error={error}
          pending={pending}
          onConfirm={() => void confirm()}
          onClose={() => {
            setOpen(false);
            setError(null);
          }}
        />
      )}
    </>
  );
}

export const deleteWarning = "Its images are removed from disk too, unless another generation uses the same file. This cannot be undone.";
