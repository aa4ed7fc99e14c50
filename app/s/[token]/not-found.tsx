import type { Metadata } from "next";
import { Link2Off } from "lucide-react";

// Identical for a revoked link and one that never existed: nothing here depends on the token.
export const metadata: Metadata = { title: { absolute: "Link not available · SD3 Playground" }, robots: { index: false } };

export default function SharedNotFound() {
  return (
    <main className="grid min-h-dvh place-items-center px-4">
      <div className="grid max-w-sm justify-items-center gap-3 text-center">
        <span className="bg-muted text-muted-foreground grid size-12 place-items-center rounded-full">
          <Link2Off className="size-5" aria-hidden />
        </span>
        <h1 className="text-lg font-semibold tracking-tight">This link isn’t available</h1>
        <p className="text-muted-foreground text-sm text-balance">
          It may have been turned off by the person who shared it, or the address is not quite right.
        </p>
      </div>
    </main>
  );
}
