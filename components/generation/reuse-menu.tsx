"use client";
import { useState } from "react";
import Link from "next/link";
import { Dices, Hash, SlidersHorizontal } from "lucide-react";
import type { GenerationDTO } from "@/lib/db/dto";
import { knownSeedBy } from "@/lib/results/role-facts";
import { Button } from "@/components/ui/button";
import { useResultModel } from "@/components/result-catalog-context";
import { reuseHref } from "./reuse-href";
import { ReuseTrigger } from "./reuse-trigger";

function useKnownSeed(g: GenerationDTO): string | null {
  const { model } = useResultModel(g.provider, g.model);
  return g.seed == null ? null : knownSeedBy(g, model);
}

/*
 * The menu (Radix DropdownMenu with its popper, focus and dismiss layers: most of a result card's script) loads the
 * first time someone opens one. Until then a plain button with the same look, name and keyboard entry points stands
 * in: pointer down, Enter, Space or Arrow Down loads the menu and opens it, as Radix would have.
 */
type Impl = typeof import("./reuse-menu-list").ReuseMenuList;
let loading: Promise<Impl> | undefined;
const loadImpl = () => (loading ??= import("./reuse-menu-list").then((m) => m.ReuseMenuList));
const opensMenu = (key: string) => key === "Enter" || key === " " || key === "ArrowDown";

/** A small "Reuse" menu for result cards: Use all settings, Remix (new seed), Use seed. */
export function ReuseMenu({ generation: g }: { generation: GenerationDTO }) {
  const seed = useKnownSeed(g);
  const [Impl, setImpl] = useState<Impl | null>(null);
  const [open, setOpen] = useState(false);
  if (Impl) return <Impl generationId={g.id} seed={seed} open={open} onOpenChange={setOpen} />;
  const activate = () => {
    setOpen(true);
    void loadImpl().then((impl) => setImpl(() => impl));
  };
  return (
    <ReuseTrigger
      aria-haspopup="menu"
      aria-expanded={false}
      data-state="closed"
      onFocus={() => void loadImpl()}
      onPointerDown={(e) => {
        if (e.button !== 0 || e.ctrlKey) return;
        e.preventDefault();
        activate();
      }}
      // A click without a pointer down (assistive technology) opens it too.
      onClick={activate}
      onKeyDown={(e) => {
        if (!opensMenu(e.key)) return;
        e.preventDefault();
        activate();
      }}
    />
  );
}

/** The same three actions as buttons, for the generation detail page. */
export function ReuseButtons({ generation: g }: { generation: GenerationDTO }) {
  const seed = useKnownSeed(g);
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
      {seed != null ? (
        <Button asChild size="sm" variant="outline">
          <Link href={reuseHref(g.id, "seed")} title={`Keep the current form, set seed ${seed}`}>
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
