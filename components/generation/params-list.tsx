import { formatValue } from "@/lib/format";
import { INPUT_IMAGE_PATH, isDataUrl } from "@/lib/input-images";
import { flattenParams } from "@/lib/params/flatten";
import { cn } from "@/lib/utils";

/** Stored input images are linked, data URLs are shown by size, not spelled out. */
function cell(v: unknown): React.ReactNode {
  if (typeof v === "string" && INPUT_IMAGE_PATH.test(v)) {
    return (
      <a href={v} target="_blank" rel="noreferrer" className="underline">
        input image
      </a>
    );
  }
  return isDataUrl(v) ? `${v.slice(0, 40)}… (${v.length} chars)` : formatValue(v);
}

/**
 * The one parameter table: a readable key/value list (nested objects such as Eachlabs' `input` or a custom
 * image_size become dotted rows, so every value reads on its own). Plain markup: a read-only page (a shared link)
 * renders it on the server and ships none of it; ./params-table.tsx adds the copy button.
 */
export function ParamsList({
  title,
  values,
  note,
  action,
  className,
}: {
  title: string;
  values: Record<string, unknown>;
  note?: string;
  /** Beside the title, e.g. the copy button of ./params-table.tsx. */
  action?: React.ReactNode;
  className?: string;
}) {
  return (
    <section aria-label={title} className={cn("grid gap-2", className)}>
      <div className="flex items-center justify-between">
        <h2 className="text-muted-foreground text-xs font-medium tracking-wide uppercase">{title}</h2>
        {action}
      </div>
      {note && <p className="text-muted-foreground text-xs">{note}</p>}
      <ParamRows values={values} />
    </section>
  );
}

/** The rows alone, for a table that sits inside something else (a comparison target's "will be sent"). */
export function ParamRows({ values, label, className }: { values: Record<string, unknown>; label?: string; className?: string }) {
  return (
    <table aria-label={label} className={cn("w-full text-sm", className)}>
      <tbody>
        {[...flattenParams(values)].map(([k, v]) => (
          <tr key={k} className="border-b last:border-0">
            <th scope="row" className="text-muted-foreground py-1.5 pr-4 text-left align-top font-mono text-xs font-normal">
              {k}
            </th>
            <td className="py-1.5 font-mono text-xs break-all">{cell(v)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
