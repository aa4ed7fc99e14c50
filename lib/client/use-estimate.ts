"use client";
import { useEffect, useMemo, useRef, useState } from "react";
import type { EstimateRequest, LabelledEstimate } from "@/lib/cost/request";

export type { EstimateRequest, LabelledEstimate };

/** Strings this long (prompts, inline images) never change a price: they are not sent, so typing them costs nothing. */
const MAX_SENT_STRING = 200;

function compact(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => !(typeof v === "string" && v.length > MAX_SENT_STRING)));
}

function requestKey(req: EstimateRequest | null): string | null {
  if (!req) return null;
  if ("targets" in req) return JSON.stringify({ targets: req.targets.map((t) => ({ ...t, input: compact(t.input) })) });
  const { shared, targets } = req.comparison;
  return JSON.stringify({ comparison: { shared: compact(shared), targets: targets.map((t) => ({ ...t, overrides: compact(t.overrides) })) } });
}

export type EstimateState = { status: "idle" | "loading" | "failed"; estimate: LabelledEstimate | null } | { status: "ready"; estimate: LabelledEstimate };

const NOTHING_ASKED: EstimateState = { status: "idle", estimate: null };

/**
 * The server's estimate of a submission: the first at once, each later one `delayMs` after the last change (never
 * while typing), the previous answer kept meanwhile and a stale request aborted. The computation happens on the server.
 * With no request (nothing to run yet) there is no estimate: an earlier one would price what is no longer asked.
 */
export function useEstimate(req: EstimateRequest | null, delayMs = 350): EstimateState {
  const key = useMemo(() => requestKey(req), [req]);
  const [state, setState] = useState<EstimateState>({ status: "idle", estimate: null });
  const askedBefore = useRef(false);
  useEffect(() => {
    if (!key) return;
    const abort = new AbortController();
    const wait = askedBefore.current ? delayMs : 0;
    askedBefore.current = true;
    const timer = setTimeout(() => {
      setState((s) => ({ status: "loading", estimate: s.estimate }));
      fetch("/api/estimate", { method: "POST", headers: { "Content-Type": "application/json" }, body: key, signal: abort.signal })
        .then(async (res) => {
          if (!res.ok) throw new Error(`HTTP ${res.status}`);
          setState({ status: "ready", estimate: (await res.json()) as LabelledEstimate });
        })
        .catch(() => {
          if (!abort.signal.aborted) setState({ status: "failed", estimate: null });
        });
    }, wait);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [key, delayMs]);
  return key ? state : NOTHING_ASKED;
}
