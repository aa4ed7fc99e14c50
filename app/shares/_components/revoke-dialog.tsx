"use client";
import { ConfirmFooter } from "@/components/ui/confirm-footer";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";

/** Confirms revoking one share link; loaded only when a Revoke button is pressed. */
export function RevokeDialog({
  path,
  error,
  pending,
  onConfirm,
  onClose,
}: {
  path: string;
  error: string | null;
  pending: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Revoke this link?</DialogTitle>
          <DialogDescription>
            Anyone who opens it from now on gets “link not available”. This cannot be undone; you can always create a new link.
          </DialogDescription>
        </DialogHeader>
        <p className="bg-muted/50 truncate rounded-md px-3 py-2 font-mono text-xs">{path}</p>
        <ConfirmFooter error={error} pending={pending} confirmLabel="Revoke link" onConfirm={onConfirm} />
      </DialogContent>
    </Dialog>
  );
}
