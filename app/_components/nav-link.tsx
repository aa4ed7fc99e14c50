"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

export function NavLink({ href, children }: { href: string; children: React.ReactNode }) {
  const pathname = usePathname();
  const active = href === "/" ? pathname === "/" : pathname.startsWith(href);
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      // Plain strings, not cn(): the header is on every page, and the class merge (2 KiB) would be its heaviest part.
      className={`hover:text-foreground focus-visible:ring-ring rounded-md px-2.5 py-1.5 transition-colors outline-none focus-visible:ring-2 ${active ? "bg-muted text-foreground" : "text-muted-foreground"}`}
    >
      {children}
    </Link>
  );
}
