"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { NavLink } from "./nav-link";

/** `children` is the header's end slot (auth: the layout passes the sign-out button, a server component). */
export function SiteHeader({ children }: { children?: React.ReactNode }) {
  // Shared links (/s/...) are public, read-only pages: they show nothing of the app around them.
  if (usePathname().startsWith("/s/")) return null;
  return (
    <header className="bg-background/85 supports-[backdrop-filter]:bg-background/70 sticky top-0 z-30 border-b backdrop-blur">
      <div className="mx-auto flex h-12 max-w-[1600px] items-center gap-6 px-4">
        <Link href="/" className="flex items-center gap-2 text-sm font-semibold tracking-tight whitespace-nowrap">
          <span aria-hidden className="bg-primary inline-block size-3 rounded-sm" />
          SD3 Playground
        </Link>
        <nav aria-label="Main" className="flex items-center gap-1 overflow-x-auto text-sm">
          <NavLink href="/">Playground</NavLink>
          <NavLink href="/compare">Compare</NavLink>
          <NavLink href="/gallery">Gallery</NavLink>
          <NavLink href="/shares">Shares</NavLink>
        </nav>
        {children}
      </div>
    </header>
  );
}
