import Link from "next/link";
import { EyeOff, ExternalLink, ImageIcon, Link2, MessageSquareText } from "lucide-react";
import type { ShareListItemDTO } from "@/lib/db/share-dto";
import type { Catalog } from "@/lib/providers/catalog";
import { formatDateTime } from "@/lib/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/share/copy-button";
import { RevokeButton } from "./revoke-button";

/**
 * The active share links, rendered on the server: only the copy and revoke buttons are client code, and the names
 * come from the catalog the page builds from the registry.
 */

function kindLabel(s: ShareListItemDTO) {
  if (s.runKind === null) return "Read-only view";
  if (s.kind === "generation") return s.runKind === "compare" ? "One result of a comparison" : "Single image";
  return s.runKind === "compare" ? `Comparison · ${s.targetCount} models` : "Single image";
}

type Label = ShareListItemDTO["labels"][number];

function namer(catalog: Catalog) {
  const provider = (id: string) => catalog.providers.find((p) => p.id === id)?.label ?? id;
  const model = (l: Label) => catalog.models.find((m) => m.provider === l.provider && m.id === l.model)?.label ?? l.model;
  return { provider, target: (l: Label) => `${provider(l.provider)} · ${model(l)}` };
}

export function ShareList({ shares, catalog }: { shares: ShareListItemDTO[]; catalog: Catalog }) {
  if (shares.length === 0) return <EmptyState />;
  const names = namer(catalog);
  return (
    // min-w-0 and minmax(0, 1fr) columns: a long prompt truncates and the model list wraps instead of widening the page.
    <ul aria-label="Active shares" className="bg-card min-w-0 divide-y rounded-lg border">
      {shares.map((s) => (
        <li key={s.id} aria-label={`Share: ${s.prompt.slice(0, 60)}`} className="flex min-w-0 flex-wrap items-center gap-x-4 gap-y-3 p-3 sm:flex-nowrap">
          <Thumb share={s} />
          {/* At the top and at least as tall as the thumbnail: not centred again as its lines arrive while the page loads. */}
          <div className="grid min-h-16 min-w-0 flex-1 grid-cols-1 content-start gap-1 self-start">
            <p className="truncate text-sm font-medium" title={s.prompt}>
              {s.prompt}
            </p>
            <div className="text-muted-foreground flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1 text-xs">
              {/* One run of text that wraps between words, so the providers stay readable and no "·" is left dangling. */}
              <span className="min-w-0 break-words" title={s.labels.length > 0 ? s.labels.map(names.target).join(", ") : undefined}>
                {kindLabel(s)}
                {s.labels.length > 0 && (
                  <>
                    {" "}
                    <span aria-hidden>·</span>{" "}
                    {s.labels.length === 1 ? names.target(s.labels[0]!) : s.labels.map((l) => names.provider(l.provider)).join(", ")}
                  </>
                )}
              </span>
              {s.runKind !== null && <PromptBadge shared={s.includePrompt} />}
            </div>
            <p className="text-muted-foreground text-xs">
              Created <time dateTime={s.createdAt}>{formatDateTime(s.createdAt)}</time>
            </p>
          </div>
          {/* On a phone the actions take a line of their own (and wrap), so every one stays on screen. */}
          <div className="flex basis-full flex-wrap gap-2 sm:basis-auto sm:shrink-0">
            <CopyButton text={s.path} />
            <Button asChild size="sm" variant="outline">
              <a href={s.path} target="_blank" rel="noopener noreferrer">
                <ExternalLink aria-hidden /> Open
              </a>
            </Button>
            <RevokeButton id={s.id} path={s.path} />
          </div>
        </li>
      ))}
    </ul>
  );
}

/** At the top of its row, not centred: the row's text, still arriving as the page loads, does not move it down. */
function Thumb({ share: s }: { share: ShareListItemDTO }) {
  return (
    <Link
      href={s.href}
      className="bg-muted/50 focus-visible:ring-ring relative grid size-16 shrink-0 self-start place-items-center overflow-hidden rounded-md border outline-none focus-visible:ring-2"
      aria-label="View the original"
    >
      {s.thumbUrl ? (
        // eslint-disable-next-line @next/next/no-img-element -- our own stored thumbnail
        <img src={s.thumbUrl} alt="" width={64} height={64} className="size-full object-cover" />
      ) : (
        <ImageIcon className="text-muted-foreground size-5" aria-hidden />
      )}
    </Link>
  );
}

function PromptBadge({ shared }: { shared: boolean }) {
  return shared ? (
    <Badge variant="secondary" className="gap-1">
      <MessageSquareText aria-hidden /> prompt shared
    </Badge>
  ) : (
    <Badge variant="outline" className="gap-1">
      <EyeOff aria-hidden /> prompt hidden
    </Badge>
  );
}

function EmptyState() {
  return (
    <div className="grid justify-items-center gap-3 rounded-lg border border-dashed px-6 py-16 text-center">
      <span className="bg-muted text-muted-foreground grid size-12 place-items-center rounded-full">
        <Link2 className="size-5" aria-hidden />
      </span>
      <h2 className="text-base font-medium">No shared links yet</h2>
      <p className="text-muted-foreground max-w-sm text-sm text-balance">
        Open an image in the gallery or a comparison and press <span className="text-foreground font-medium">Share</span> to make a
        read-only link anyone can open. Choose whether the prompt goes with it.
      </p>
      <Button asChild size="sm" variant="outline">
        <Link href="/gallery">Go to the gallery</Link>
      </Button>
    </div>
  );
}
