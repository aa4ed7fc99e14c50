import Link from "next/link";

/** The link a share form just made, shown on the page it came back to; selectable without any script. */
export function CreatedLink({ url, what }: { url: string; what: string }) {
  return (
    <div role="status" className="bg-card grid gap-2 rounded-lg border p-3 text-sm">
      <p>
        Read-only link to {what} created. Anyone with it can open it until you revoke it on <Link href="/shares" className="underline">Shares</Link>.
      </p>
      <input readOnly aria-label="Link" value={url} className="bg-background w-full rounded-md border px-2 py-1.5 font-mono text-xs" />
    </div>
  );
}
