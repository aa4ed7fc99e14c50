"use client";
import { useEffect, useRef } from "react";
import { Keyboard } from "lucide-react";

const shortcuts: [string, string][] = [
  ["Ctrl / ⌘ + Enter", "Generate (playground) or run the comparison"],
  ["?", "Show this list"],
  ["Tab, first press", "Skip link to the prompt or the page content"],
  ["← / →", "Previous / next image in the full-screen viewer"],
  ["Esc", "Close a dialog or the viewer"],
];

function typing(target: EventTarget | null) {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
}

/** "?" anywhere outside a text field lists the shortcuts, in a native dialog (no dialog library on every page). */
export function ShortcutsHelp() {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "?" || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      e.preventDefault();
      if (!ref.current?.open) ref.current?.showModal();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  return (
    <>
      {/* The dialog first: its text is long, and a page still being parsed could paint the button alone at the
          header's end, then shift it left when the buttons after it arrive. Closed, it takes no room. */}
      <dialog
        ref={ref}
        aria-labelledby="shortcuts-title"
        className="bg-background text-foreground m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border p-5 shadow-lg backdrop:bg-black/50"
        onClick={(e) => e.target === e.currentTarget && e.currentTarget.close()}
      >
        <h2 id="shortcuts-title" className="text-base font-semibold">
          Keyboard shortcuts
        </h2>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
          {shortcuts.map(([keys, what]) => (
            <div key={keys} className="contents">
              <dt>
                <kbd className="bg-muted rounded border px-1.5 py-0.5 font-mono text-xs">{keys}</kbd>
              </dt>
              <dd className="text-muted-foreground">{what}</dd>
            </div>
          ))}
        </dl>
        <form method="dialog" className="mt-4 flex justify-end">
          <button className="bg-primary text-primary-foreground focus-visible:ring-ring rounded-md px-3 py-1.5 text-sm outline-none focus-visible:ring-2 focus-visible:ring-offset-2">
            Close
          </button>
        </form>
      </dialog>
      <button
        type="button"
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        onClick={() => ref.current?.showModal()}
        className="text-muted-foreground hover:text-foreground focus-visible:ring-ring grid size-9 shrink-0 place-items-center rounded-md outline-none focus-visible:ring-2"
      >
        <Keyboard className="size-4" aria-hidden />
      </button>
    </>
  );
}
