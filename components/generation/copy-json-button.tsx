"use client";
import { useState } from "react";
import { Check, Copy } from "lucide-react";
import { copyText } from "@/components/share/copy-text";
import { Button } from "@/components/ui/button";

/** Copies a parameter table's values as pretty JSON (also on a plain-http host, where the async clipboard is missing). */
export function CopyJsonButton({ values }: { values: Record<string, unknown> }) {
  const [copied, setCopied] = useState<"copied" | "failed" | null>(null);
  const copy = async () => {
    setCopied((await copyText(JSON.stringify(values, null, 2))) ? "copied" : "failed");
    setTimeout(() => setCopied(null), 1500);
  };
  return (
    <Button size="sm" variant="ghost" onClick={() => void copy()}>
      {copied === "copied" ? <Check aria-hidden /> : <Copy aria-hidden />} {copied === "copied" ? "Copied" : copied === "failed" ? "Copy failed" : "Copy JSON"}
    </Button>
  );
}
