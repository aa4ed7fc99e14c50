import Link from "next/link";
import { NavLink } from "./nav-link";

export function SiteHeader() {
  return (
    <header className="bg-background/85 supports-[backdrop-filter]:bg-background/70 sticky top-0 z-30 border-b backdrop-blur">
      <div className="mx-auto flex h-12 max-w-[1600px] items-center gap-6 px-4">
        <Link href="/" className="flex items-center gap-2 text-sm font-semibold tracking-tight">
          <span aria-hidden className="bg-primary inline-block size-3 rounded-sm" />
          SD3 Playground
        </Link>
        <nav aria-label="Main" className="flex items-center gap-1 text-sm">
          <NavLink href="/">Playground</NavLink>
          <NavLink href="/compare">Compare</NavLink>
          <NavLink href="/gallery">Gallery</NavLink>
        </nav>
      </div>
    </header>
  );
}
