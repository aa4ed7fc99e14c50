"use client";
import { useEffect, useRef } from "react";

/** Ctrl/Cmd+Enter runs `action` from anywhere on the page while `enabled`. */
export function useSubmitShortcut(action: () => void, enabled: boolean) {
  const latest = useRef(action);
  useEffect(() => {
    latest.current = action;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        latest.current();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [enabled]);
}
