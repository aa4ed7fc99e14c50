"use client";
import { useEffect, useRef, useState } from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { Menu, X } from "lucide-react";
import { NavLink } from "./nav-link";
import { ShortcutsHelp } from "./shortcuts-help";

const links: [string, string][] = [
  ["/", "Playground"],
  ["/compare", "Compare"],
  ["/suites", "Suites"],
  ["/grid", "Grid"],
  ["/gallery", "Gallery"],
  ["/scores", "Scores"],
  ["/arena", "Arena"],
  ["/shares", "Shares"],
  ["/settings", "Settings"],
];

/** Pages whose first control is a prompt (the textarea with id "prompt"): the skip link goes straight there. */
const promptPages = new Set(["/", "/compare", "/grid"]);

/** `children` is the header's end slot (auth: the layout passes the sign-out button, a server component). */
export function SiteHeader({ children }: { children?: React.ReactNode }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const { menuButton, menu } = useMenuDismissal(open, setOpen);
  // A skip link used before the page finished loading only changed the URL's hash: focus its target now.
  useEffect(() => {
    const focusTarget = () => {
      const id = window.location.hash.slice(1);
      if (id === "prompt" || id === "main") document.getElementById(id)?.focus();
    };
    focusTarget();
    window.addEventListener("hashchange", focusTarget);
    return () => window.removeEventListener("hashchange", focusTarget);
  }, []);
  // Shared links (/s/...) are public, read-only pages: they show nothing of the app around them.
  if (pathname.startsWith("/s/")) return null;
  const toPrompt = promptPages.has(pathname);
  return (
    <header className="bg-background/85 supports-[backdrop-filter]:bg-background/70 sticky top-0 z-30 border-b backdrop-blur">
      <a
        href={toPrompt ? "#prompt" : "#main"}
        // A fragment link only moves the caret's starting point; focus the target so typing goes there at once.
        onClick={(e) => {
          const target = document.getElementById(toPrompt ? "prompt" : "main");
          if (!target) return;
          e.preventDefault();
          target.focus();
        }}
        className="bg-primary text-primary-foreground focus-visible:ring-ring sr-only z-50 rounded-md px-3 py-2 text-sm outline-none focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus-visible:ring-2 focus-visible:ring-offset-2"
      >
        {toPrompt ? "Skip to prompt" : "Skip to content"}
      </a>
      <div className="mx-auto flex h-12 max-w-[1600px] items-center gap-3 px-4 sm:gap-6">
        {/* h-5: the height of its text from the first paint, even if the page paints before the name is parsed. */}
        <Link href="/" className="flex h-5 items-center gap-2 text-sm font-semibold tracking-tight whitespace-nowrap">
          <span aria-hidden className="bg-primary inline-block size-3 rounded-sm" />
          SD3 Playground
        </Link>
        {/* Wide screens: the links inline. Phones: they fold into a menu so none is cut off. */}
        <nav aria-label="Main" className="hidden h-8 items-center gap-1 text-sm lg:flex">
          {links.map(([href, label]) => (
            <NavLink key={href} href={href}>
              {label}
            </NavLink>
          ))}
        </nav>
        {/* Below lg the group holds at least the shortcuts and Menu buttons: its width is theirs from the first paint,
            so a page painted before the Menu button arrives does not shift the shortcuts button left. */}
        <div className="ml-auto flex min-w-19 items-center gap-1 lg:min-w-0">
          <ShortcutsHelp />
          {children}
          <button
            ref={menuButton}
            type="button"
            className="focus-visible:ring-ring grid size-9 place-items-center rounded-md outline-none focus-visible:ring-2 lg:hidden"
            aria-expanded={open}
            aria-controls="mobile-nav"
            aria-label="Menu"
            onClick={() => setOpen((o) => !o)}
          >
            {open ? <X className="size-5" aria-hidden /> : <Menu className="size-5" aria-hidden />}
          </button>
        </div>
      </div>
      {open && (
        <nav ref={menu} id="mobile-nav" aria-label="Main" className="bg-background grid gap-1 border-t px-4 py-2 text-sm lg:hidden" onClick={() => setOpen(false)}>
          {links.map(([href, label]) => (
            <NavLink key={href} href={href}>
              {label}
            </NavLink>
          ))}
        </nav>
      )}
    </header>
  );
}

/** The open menu closes on Escape (focus back on the Menu button) and on a press anywhere outside it. */
function useMenuDismissal(open: boolean, setOpen: (open: boolean) => void) {
  const menuButton = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!open) return;
    const inside = (node: unknown) => node instanceof Node && Boolean(menu.current?.contains(node) || menuButton.current?.contains(node));
    const onKeyDown = (e: KeyboardEvent) => {
      // An open select, popover or dialog handles its own Escape first (Radix marks the event handled).
      if (e.key !== "Escape" || e.defaultPrevented) return;
      const active = document.activeElement;
      setOpen(false);
      // Focus in the menu would be lost with it; focus elsewhere on the page stays where it is.
      if (!active || active === document.body || inside(active)) menuButton.current?.focus();
    };
    const onPointerDown = (e: PointerEvent) => {
      if (!inside(e.target)) setOpen(false);
    };
    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("pointerdown", onPointerDown);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("pointerdown", onPointerDown);
    };
  }, [open, setOpen]);
  return { menuButton, menu };
}
