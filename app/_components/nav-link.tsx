"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";

export function NavLink({ href, children }: { href: string; children: React.ReactNode }) {
  const pathname = usePathname();
  const active = href === "/" ? pathname === "/" : pathname.startsWith(href);
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={cn(
        "text-muted-foreground hover:text-foreground focus-visible:ring-ring rounded-md px-2.5 py-1.5 transition-colors outline-none focus-visible:ring-2",
        active && "bg-muted text-foreground",
      )}
    >
      {children}
    </Link>
  );
}
