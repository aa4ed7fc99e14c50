"use client";
import { useEffect, useState } from "react";

/** Milliseconds since `since`, ticking while `running`; null until mounted (no hydration mismatch). */
export function useElapsed(since: string | null, running: boolean): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    if (!running) return;
    const tick = () => setNow(Date.now());
    const initial = setTimeout(tick, 0);
    const id = setInterval(tick, 100);
    return () => {
      clearTimeout(initial);
      clearInterval(id);
    };
  }, [running]);
  if (!since || now == null) return null;
  return Math.max(0, now - Date.parse(since));
}
