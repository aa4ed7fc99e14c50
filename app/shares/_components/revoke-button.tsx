"use client";
import { lazy, Suspense, useState } from "react";
import { useRouter } from "next/navigation";
import { Trash2 } from "lucide-react";
import { revokeShare } from "@/lib/actions/revoke-share";
import { buttonClass } from "@/components/gallery/light-ui";

// Loaded on first use: the dialog library is not part of the page's first load.
const RevokeDialog = lazy(() => import("./revoke-dialog").then((m) => ({ default: m.RevokeDialog })));

/** Revoke for one share row, behind a confirmation; the list re-renders on the server afterwards. */
export function RevokeButton({ id, path }: { id: string; path: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const revoke = async () => {
    setPending(true);
    setError(null);
    const result = await revokeShare({ id }).catch(() => null);
    setPending(false);
    if (result?.ok || result?.code === "not_found") {
      setConfirming(false);
      router.refresh();
    } else {
      setError(result?.message ?? "The server could not be reached.");
    }
  };

  return (
    <>
      <button type="button" className={buttonClass("ghost-destructive", "sm")} onClick={() => setConfirming(true)}>
        <Trash2 aria-hidden /> Revoke
      </button>
      {confirming && (
        <Suspense>
          <RevokeDialog
            path={path}
            error={error}
            pending={pending}
            onConfirm={() => void revoke()}
            onClose={() => {
              if (!pending) {
                setConfirming(false);
                setError(null);
              }
            }}
          />
        </Suspense>
      )}
    </>
  );
}
