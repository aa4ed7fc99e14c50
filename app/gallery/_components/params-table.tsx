"use client";
import { useState } from "react";
import { Check, Copy } from "lucide-react";
import { formatValue } from "@/lib/format";
import { INPUT_IMAGE_PATH } from "@/lib/input-images";
import { Button } from "@/components/ui/button";

/** Nested objects (Eachlabs' `input`, a custom image_size) become dotted rows, so every value reads on its own. */
function flatten(values: Record<string, unknown>, prefix = ""): [string, unknown][] {
  return Object.entries(values).flatMap(([k, v]) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? flatten(v as Record<string, unknown>, `${prefix}${k}.`)
      : [[`${prefix}${k}`, v] as [string, unknown]],
  );
}

/** A readable key/value table of parameters, with the exact JSON one click away. */
export function ParamsTable({ title, values, note }: { title: string; values: Record<string, unknown>; note?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(JSON.stringify(values, null, 2));
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <section aria-label={title} className="grid gap-2">
      <div className="flex items-center justify-between">
        <h2 className="text-muted-foreground text-xs font-medium tracking-wide uppercase">{title}</h2>
        <Button size="sm" variant="ghost" onClick={() => void copy()}>
          {copied ? <Check aria-hidden /> : <Copy aria-hidden />} {copied ? "Copied" : "Copy JSON"}
        </Button>
      </div>
      {note && <p className="text-muted-foreground text-xs">{note}</p>}
      <table className="w-full text-sm">
        <tbody>
          {flatten(values).map(([k, v]) => (
            <tr key={k} className="border-b last:border-0">
              <th scope="row" className="text-muted-foreground py-1.5 pr-4 text-left align-top font-mono text-xs font-normal">
                {k}
              </th>
              <td className="py-1.5 font-mono text-xs break-all">
                {typeof v === "string" && INPUT_IMAGE_PATH.test(v) ? (
                  <a href={v} target="_blank" rel="noreferrer" className="underline">
                    input image
                  </a>
                ) : typeof v === "string" && v.startsWith("data:") ? (
                  `${v.slice(0, 40)}… (${v.length} chars)`
                ) : (
                  formatValue(v)
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
