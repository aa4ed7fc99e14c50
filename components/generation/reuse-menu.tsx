"use client";
import Link from "next/link";
import { Dices, Hash, SlidersHorizontal } from "lucide-react";
import type { GenerationDTO } from "@/lib/db/dto";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { reuseHref } from "./reuse";
import { getModel } from "@/lib/providers";
import { knownSeed } from "@/lib/results/facts";

const seedOf = (g: GenerationDTO) => (g.seed == null ? null : knownSeed(g, getModel(g.provider, g.model)));
const seedHint = (g: GenerationDTO) => (seedOf(g) == null ? "no seed recorded" : `seed ${seedOf(g)}`);

/** A small "Reuse" menu for result cards: Use all settings, Remix (new seed), Use seed. */
export function ReuseMenu({ generation: g }: { generation: GenerationDTO }) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm" className="h-6 gap-1 px-1.5 text-xs" aria-label="Reuse settings">
          <SlidersHorizontal className="size-3.5" aria-hidden /> Reuse
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuLabel>Load into the playground</DropdownMenuLabel>
        <DropdownMenuItem asChild>
          <Link href={reuseHref(g.id, "all")}>
            <SlidersHorizontal aria-hidden /> Use all settings
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <Link href={reuseHref(g.id, "remix")}>
            <Dices aria-hidden /> Remix (new seed)
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem asChild disabled={seedOf(g) == null}>
          <Link href={reuseHref(g.id, "seed")} aria-disabled={seedOf(g) == null}>
            <Hash aria-hidden /> Use seed only
            <span className="text-muted-foreground ml-auto pl-3 font-mono text-xs">{seedOf(g) ?? "–"}</span>
          </Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

/** The same three actions as buttons, for the generation detail page. */
export function ReuseButtons({ generation: g }: { generation: GenerationDTO }) {
  return (
    <>
      <Button asChild size="sm">
        <Link href={reuseHref(g.id, "all")} title="Load this model and every setting, seed locked">
          <SlidersHorizontal aria-hidden /> Use these settings
        </Link>
      </Button>
      <Button asChild size="sm" variant="outline">
        <Link href={reuseHref(g.id, "remix")} title="Everything but the seed: a new one is drawn">
          <Dices aria-hidden /> Remix
        </Link>
      </Button>
      {seedOf(g) != null ? (
        <Button asChild size="sm" variant="outline">
          <Link href={reuseHref(g.id, "seed")} title={`Keep the current form, set ${seedHint(g)}`}>
            <Hash aria-hidden /> Use seed
          </Link>
        </Button>
      ) : (
        <Button size="sm" variant="outline" disabled title="No seed recorded">
          <Hash aria-hidden /> Use seed
        </Button>
      )}
    </>
  );
}
