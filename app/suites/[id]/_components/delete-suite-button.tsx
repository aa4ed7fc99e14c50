"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Trash2 } from "lucide-react";
import { deleteSuite } from "@/lib/actions/delete-suite";
import { LazyConfirmDialog } from "@/components/lazy-confirm-dialog";
import { Button } from "@/components/ui/button";

/** Deletes the suite after asking; its runs stay in the gallery. */
export function DeleteSuiteButton({ id }: { id: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    setPending(true);
    const result = await deleteSuite({ id }).catch(() => null);
    if (result?.ok) return router.push("/suites");
    setPending(false);
    setError(result?.message ?? "The server could not be reached.");
  };
  return (
    <div>
      <Button type="button" variant="outline" size="sm" onClick={() => setOpen(true)}>
        <Trash2 aria-hidden /> Delete suite
      </Button>
      {open && (
        <LazyConfirmDialog
          title="Delete this suite?"
          description="The suite goes; the runs made from it stay in the gallery."
          confirmLabel="Delete suite"
          error={error}
          pending={pending}
          onConfirm={() => void remove()}
          onClose={() => setOpen(false)}
        />
      )}
    </div>
  );
}
