"use client";
import { Loader2 } from "lucide-react";
import { Alert, AlertDescription } from "./alert";
import { Button } from "./button";
import { DialogClose, DialogFooter } from "./dialog";

/** The end of a confirmation dialog: the error if the action failed, Cancel, and the destructive action. */
export function ConfirmFooter({
  error,
  pending,
  confirmLabel,
  onConfirm,
}: {
  error: string | null;
  pending: boolean;
  confirmLabel: string;
  onConfirm: () => void;
}) {
  return (
    <>
      {error && (
        <Alert variant="destructive">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      )}
      <DialogFooter>
        <DialogClose asChild>
          <Button variant="outline" disabled={pending}>
            Cancel
          </Button>
        </DialogClose>
        <Button variant="destructive" onClick={onConfirm} disabled={pending}>
          {pending && <Loader2 className="animate-spin" aria-hidden />} {confirmLabel}
        </Button>
      </DialogFooter>
    </>
  );
}
