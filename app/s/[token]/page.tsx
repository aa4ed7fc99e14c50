import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getActiveShareByToken } from "@/lib/db/shares";
import { getActiveViewShare } from "@/lib/db/view-shares";
import { publicOrigin } from "@/lib/share/origin";
import { neutralDescription, neutralTitle, truncate } from "./_components/labels";
import { SharedView } from "./_components/shared-view";
import { ViewShareContent } from "./_components/view-share";

export const dynamic = "force-dynamic";

// One lookup per request, shared by the metadata and the page.
const load = cache(getActiveShareByToken);
const loadView = cache(getActiveViewShare);

const viewTitles = { scorecard: "A shared scorecard", leaderboard: "A shared arena leaderboard", arena: "A blind arena: which image is better?" } as const;

type Props = { params: Promise<{ token: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { token } = await params;
  const view = await load(token);
  if (!view) {
    const other = await loadView(token);
    if (!other) notFound();
    const title = viewTitles[other.kind];
    return { title: { absolute: `${title} · SD3 Playground` }, robots: { index: false, follow: false }, referrer: "no-referrer" };
  }
  const origin = await publicOrigin();
  // The prompt appears here only when the share includes it.
  const title = view.prompt ? truncate(view.prompt, 70) : neutralTitle(view);
  const description = view.prompt ? truncate(`${neutralDescription(view)} “${view.prompt}”`, 200) : neutralDescription(view);
  const image = {
    url: `${origin}/s/${token}/preview`,
    width: 1200,
    height: 630,
    alt: view.prompt ? truncate(view.prompt, 120) : neutralTitle(view),
  };
  return {
    title: { absolute: `${title} · SD3 Playground` },
    description,
    robots: { index: false, follow: false },
    referrer: "no-referrer",
    openGraph: { type: "website", siteName: "SD3 Playground", url: `${origin}/s/${token}`, title, description, images: [image] },
    twitter: { card: "summary_large_image", title, description, images: [image] },
  };
}

export default async function SharedPage({ params }: Props) {
  const { token } = await params;
  const view = await load(token);
  if (view) return <SharedView view={view} />;
  const other = await loadView(token);
  if (!other) notFound();
  return <ViewShareContent share={other} token={token} />;
}
