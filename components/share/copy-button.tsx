"use client";
import { useState } from "react";
import { Check, Copy } from "lucide-react";
import { buttonClass } from "@/components/gallery/light-ui";
import { copyText } from "./copy-text";

/**
 * "Copy link" that says "Copied" for a moment; `text` may be a path, made absolute against this page's origin.
 * A plain button with the outline look: the Shares page's only client code is this and Revoke.
 */
export function CopyButton({ text, label = "Copy link" }: { text: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    const absolute = new URL(text, window.location.origin).toString();
    const ok = await copyText(absolute);
    setState(ok ? "copied" : "failed");
    setTimeout(() => setState("idle"), 1600);
  };
  return (
    <button type="button" className={buttonClass("outline", "sm")} onClick={() => void copy()}>
      {state === "copied" ? <Check aria-hidden /> : <Copy aria-hidden />}
      {state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : label}
    </button>
  );
}
