import { preload } from "react-dom";
import type { SharedImageDTO, SharedTargetDTO, SharedViewDTO } from "@/lib/db/share-dto";
import { ParamsList } from "@/components/generation/params-list";
import { sharedSchema, sizeOf } from "@/lib/compare/shared";
import { fieldMeta } from "@/lib/providers/types";
import { formatValue } from "@/lib/format";
import { isDataUrl } from "@/lib/input-images";
import { cn } from "@/lib/utils";
import { Badge } from "@/components/ui/badge";
import { modelLabel, neutralTitle, providerLabel } from "./labels";

/**
 * The read-only page behind a shared link. A server component with no client code of its own: no forms, no buttons,
 * no links outside /s/<token>. The view it gets already lacks the prompt and parameters when they are hidden.
 */
export function SharedView({ view }: { view: SharedViewDTO }) {
  const compare = view.kind === "run" && view.targets.length > 1;
  const negative = typeof view.settings?.negativePrompt === "string" ? view.settings.negativePrompt : null;
  return (
    <main id="main" className="mx-auto grid w-full max-w-6xl gap-8 px-4 py-8 sm:py-12">
      <header className="grid justify-items-center gap-3 text-center">
        <p className="text-muted-foreground flex items-center gap-2 text-xs font-medium tracking-wide uppercase">
          <span aria-hidden className="bg-primary inline-block size-2.5 rounded-sm" />
          {compare ? `Comparison · ${view.targets.length} models` : "Shared image"}
        </p>
        <h1 className={cn("max-w-3xl text-xl font-semibold tracking-tight text-balance sm:text-2xl", view.prompt && "leading-snug")}>
          {view.prompt ?? neutralTitle(view)}
        </h1>
        {negative && (
          <p className="text-muted-foreground max-w-2xl text-sm">
            <span className="font-medium">Negative prompt:</span> {negative}
          </p>
        )}
        {view.settings && <SettingChips settings={view.settings} />}
      </header>

      {compare ? <CompareGrid view={view} /> : view.targets[0] && <SingleTarget target={view.targets[0]} />}

      <footer className="text-muted-foreground grid justify-items-center gap-1 pt-4 text-center text-xs">
        <p>Made with SD3 Playground · a read-only shared link</p>
        {!view.includePrompt && <p>The prompt and parameters were not shared.</p>}
      </footer>
    </main>
  );
}

const gridCols: Record<number, string> = {
  2: "sm:grid-cols-2 max-w-5xl",
  3: "sm:grid-cols-2 lg:grid-cols-3",
  4: "sm:grid-cols-2 max-w-5xl",
};

function CompareGrid({ view }: { view: SharedViewDTO }) {
  return (
    <section aria-label="Results" className={cn("mx-auto grid w-full gap-4", gridCols[view.targets.length] ?? "sm:grid-cols-2 lg:grid-cols-3")}>
      {view.targets.map((t, i) => (
        <figure key={t.id} className="bg-card text-card-foreground grid content-start overflow-hidden rounded-xl border shadow-sm">
          <TargetImages target={t} thumbs={t.images.length > 1} first={i === 0} />
          <figcaption className="grid gap-1.5 border-t px-3 py-2.5 text-sm">
            <TargetLabel target={t} />
            {t.seed && !t.seed.startsWith("-") && (
              <p className="text-muted-foreground text-xs">
                seed <span className="text-foreground font-mono">{t.seed}</span>
              </p>
            )}
            {t.overrides && <OverrideChips overrides={t.overrides} />}
          </figcaption>
        </figure>
      ))}
    </section>
  );
}

function SingleTarget({ target: t }: { target: SharedTargetDTO }) {
  const first = t.images[0];
  return (
    <section aria-label="Result" className="grid justify-items-center gap-6">
      <figure className="grid w-full justify-items-center gap-3">
        {t.images.length === 1 && first ? (
          <ImageLink image={first} alt={`Image made with ${providerLabel(t)} ${modelLabel(t)}`} className="max-w-4xl">
            {/* eslint-disable-next-line @next/next/no-img-element -- stored bytes through the share's own route */}
            <img
              src={first.viewUrl}
              alt={`Image made with ${providerLabel(t)} ${modelLabel(t)}`}
              width={first.width}
              height={first.height}
              fetchPriority="high"
              className="h-auto max-h-[78dvh] w-auto max-w-full rounded-xl border object-contain shadow-lg"
            />
          </ImageLink>
        ) : (
          <div className="w-full max-w-5xl">
            <TargetImages target={t} thumbs={false} rounded first />
          </div>
        )}
        <figcaption className="flex flex-wrap items-center justify-center gap-x-3 gap-y-1 text-sm">
          <TargetLabel target={t} inline />
          {first && (
            <span className="text-muted-foreground text-xs">
              {first.width}×{first.height}
            </span>
          )}
          {t.seed && !t.seed.startsWith("-") && (
            <span className="text-muted-foreground text-xs">
              seed <span className="text-foreground font-mono">{t.seed}</span>
            </span>
          )}
        </figcaption>
      </figure>
      {t.params && Object.keys(t.params).length > 0 && (
        <ParamsList title="Parameters as sent" values={t.params} className="bg-card w-full max-w-2xl rounded-xl border p-4" />
      )}
    </section>
  );
}

function TargetLabel({ target: t, inline }: { target: SharedTargetDTO; inline?: boolean }) {
  return (
    <p className={cn("flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1", inline && "justify-center")}>
      <span className="font-medium">{providerLabel(t)}</span>
      <span className="text-muted-foreground">{modelLabel(t)}</span>
      {t.emulated && (
        <Badge variant="outline" title="Served by the built-in provider emulator, not the real provider">
          emulated
        </Badge>
      )}
    </p>
  );
}

/**
 * A target's images in a box that keeps its aspect ratio, or a quiet placeholder when there is none. The first
 * target's first image is the page's largest paint: it loads at once, ahead of everything else.
 */
function TargetImages({ target: t, thumbs, rounded, first: lead = false }: { target: SharedTargetDTO; thumbs: boolean; rounded?: boolean; first?: boolean }) {
  const first = t.images[0];
  if (!first) {
    const waiting = t.status === "queued" || t.status === "running";
    return (
      <div className={cn("bg-muted/50 text-muted-foreground grid aspect-square place-items-center p-6 text-center text-sm", rounded && "rounded-xl border")}>
        {waiting ? "Still being generated — reload the page in a moment." : "No image for this model."}
      </div>
    );
  }
  return (
    <div className={cn("bg-muted/40 grid gap-px", t.images.length > 1 && "grid-cols-2", rounded && "overflow-hidden rounded-xl border")}>
      {t.images.map((img) => (
        <ImageLink key={img.id} image={img} alt={`Image ${img.index + 1} made with ${providerLabel(t)} ${modelLabel(t)}`}>
          <span className="block w-full" style={{ aspectRatio: `${img.width} / ${img.height}` }}>
            <SharedImage
              image={img}
              alt={`Image ${img.index + 1} made with ${providerLabel(t)} ${modelLabel(t)}`}
              thumbOnly={thumbs}
              lead={lead && img.index === first.index}
            />
          </span>
        </ImageLink>
      ))}
    </div>
  );
}

/**
 * One image of a grid. Phones (one column) get the 512 px thumbnail, wider screens the 1024 px view: the first image
 * is the page's largest paint, and on a phone's slow link the thumbnail arrives several times sooner. The original is
 * one tap away (the link around it).
 */
function SharedImage({ image, alt, thumbOnly, lead }: { image: SharedImageDTO; alt: string; thumbOnly: boolean; lead: boolean }) {
  const img = (
    // eslint-disable-next-line @next/next/no-img-element -- stored bytes through the share's own route
    <img
      src={image.thumbUrl}
      alt={alt}
      width={image.width}
      height={image.height}
      {...(lead ? { fetchPriority: "high" as const } : { loading: "lazy" as const })}
      className="h-full w-full object-contain"
    />
  );
  if (thumbOnly) return img;
  if (lead) {
    // React preloads an <img> it renders, but not one inside <picture>. The lead image's source for this screen is
    // announced with the page's headers, so it is requested before the page's scripts.
    preload(image.thumbUrl, { as: "image", fetchPriority: "high", media: "(max-width: 639px)" });
    preload(image.viewUrl, { as: "image", fetchPriority: "high", media: "(min-width: 640px)" });
  }
  return (
    <picture>
      <source media="(min-width: 640px)" srcSet={image.viewUrl} />
      {img}
    </picture>
  );
}

/** Opens the full-size image (still under /s/<token>/) in a new tab. */
function ImageLink({ image, alt, className, children }: { image: SharedImageDTO; alt: string; className?: string; children: React.ReactNode }) {
  return (
    <a
      href={image.url}
      target="_blank"
      rel="noopener noreferrer"
      title={`${alt} — open full size`}
      className={cn("focus-visible:ring-ring block cursor-zoom-in rounded-xl outline-none focus-visible:ring-2", className)}
    >
      {children}
    </a>
  );
}

function settingLabel(key: string) {
  const schema = (sharedSchema.shape as Record<string, Parameters<typeof fieldMeta.get>[0]>)[key];
  return (schema && fieldMeta.get(schema)?.label) ?? key;
}

function settingValue(key: string, value: unknown) {
  if (key === "size" && value != null) {
    const px = sizeOf({ size: value as Parameters<typeof sizeOf>[0]["size"] });
    return typeof value === "string" ? `${value} · ${px.width}×${px.height}` : `${px.width}×${px.height}`;
  }
  return formatValue(value);
}

function SettingChips({ settings }: { settings: Record<string, unknown> }) {
  const entries = Object.entries(settings).filter(([k, v]) => k !== "prompt" && k !== "negativePrompt" && v !== undefined && v !== null && v !== "");
  if (entries.length === 0) return null;
  return (
    <dl aria-label="Shared settings" className="flex max-w-3xl flex-wrap justify-center gap-2">
      {entries.map(([k, v]) => (
        <div key={k} className="bg-muted/60 flex items-baseline gap-1.5 rounded-full border px-3 py-1 text-xs">
          <dt className="text-muted-foreground">{settingLabel(k)}</dt>
          <dd className="font-mono">{settingValue(k, v)}</dd>
        </div>
      ))}
    </dl>
  );
}

function OverrideChips({ overrides }: { overrides: Record<string, unknown> }) {
  return (
    <dl aria-label="Set for this model" className="flex flex-wrap gap-1.5">
      {Object.entries(overrides).map(([k, v]) => (
        <div key={k} className="bg-muted/60 flex items-baseline gap-1 rounded-md px-2 py-0.5 text-xs">
          <dt className="text-muted-foreground font-mono">{k}</dt>
          <dd className="font-mono">{short(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

function short(v: unknown) {
  return isDataUrl(v) ? `${v.slice(0, 32)}… (${v.length} chars)` : formatValue(v);
}
