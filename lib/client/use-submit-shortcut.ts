"use client";
import { useEffect, useRef } from "react";

/**
 * Ctrl/Cmd+Enter runs `action` from anywhere on the page while `enabled`. Enter alone in a field does not: the browser
 * would submit the form, a paid run nobody asked for (typing a seed, say, then Enter).
 */
export function useSubmitShortcut(action: () => void, enabled: boolean) {
  const latest = useRef(action);
  useEffect(() => {
    latest.current = action;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Enter") return;
      if (e.ctrlKey || e.metaKey) latest.current();
      else if (!(e.target instanceof HTMLInputElement && e.target.form)) return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [enabled]);
}
