"use client";
import { useState } from "react";
import { Check, Copy } from "lucide-react";
import { Button } from "@/components/ui/button";
import { copyText } from "./copy-text";

/** "Copy link" that says "Copied" for a moment; `text` may be a path, made absolute against this page's origin. */
export function CopyButton({ text, label = "Copy link", ...props }: { text: string; label?: string } & Omit<React.ComponentProps<typeof Button>, "onClick">) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    const absolute = new URL(text, window.location.origin).toString();
    const ok = await copyText(absolute);
    setState(ok ? "copied" : "failed");
    setTimeout(() => setState("idle"), 1600);
  };
  return (
    <Button type="button" size="sm" variant="outline" onClick={() => void copy()} {...props}>
      {state === "copied" ? <Check aria-hidden /> : <Copy aria-hidden />}
      {state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : label}
    </Button>
  );
}
