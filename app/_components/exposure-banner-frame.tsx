"use client";
import { useState } from "react";
import { usePathname } from "next/navigation";
import { TriangleAlert, X } from "lucide-react";
import { isSharePath } from "@/lib/auth/paths";

/** The exposure warning's frame; dismissing sets `dismissCookie` (a session cookie) and hides it at once. */
export function ExposureBannerFrame({ children, dismissCookie }: { children: React.ReactNode; dismissCookie: string }) {
  const [dismissed, setDismissed] = useState(false);
  // Not on share pages (/s/...): their visitors are strangers by design, and this would tell them about the keys. The
  // server leaves it out of a share page it renders; this hides it after a client navigation to one.
  const onSharePage = isSharePath(usePathname());
  if (dismissed || onSharePage) return null;
  return (
    <div
      role="alert"
      aria-label="Exposure warning"
      className="border-warning/40 bg-warning/10 text-foreground border-b px-4 py-2 text-sm"
    >
      <div className="mx-auto flex max-w-[1600px] items-start gap-3">
        <TriangleAlert aria-hidden className="text-warning mt-0.5 size-4 shrink-0" />
        <p className="min-w-0 flex-1">{children}</p>
        <button
          type="button"
          aria-label="Dismiss until the browser is closed"
          className="text-muted-foreground hover:text-foreground -m-1 rounded p-1"
          onClick={() => {
            document.cookie = `${dismissCookie}=1; path=/; samesite=lax`;
            setDismissed(true);
          }}
        >
          <X aria-hidden className="size-4" />
        </button>
      </div>
    </div>
  );
}
