"use client";
import { ConfirmFooter } from "@/components/ui/confirm-footer";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";

export interface ConfirmDialogProps {
  title: string;
  description: string;
  confirmLabel: string;
  error: string | null;
  pending: boolean;
  onConfirm: () => void;
  /** Called when the person dismisses the dialog (never while the action runs). */
  onClose: () => void;
}

/** An open confirmation dialog; mount it to show it (see lazy-confirm-dialog.tsx). */
export function ConfirmDialog({ title, description, confirmLabel, error, pending, onConfirm, onClose }: ConfirmDialogProps) {
  return (
    <Dialog open onOpenChange={(open) => !open && !pending && onClose()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        <ConfirmFooter error={error} pending={pending} confirmLabel={confirmLabel} onConfirm={onConfirm} />
      </DialogContent>
    </Dialog>
  );
}
