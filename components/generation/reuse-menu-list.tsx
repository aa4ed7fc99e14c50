"use client";
import Link from "next/link";
import { Dices, Hash, SlidersHorizontal } from "lucide-react";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { reuseHref } from "./reuse-href";
import { ReuseTrigger } from "./reuse-trigger";

/** The reuse menu itself (Radix: popper, focus and dismiss layers), loaded by ./reuse-menu.tsx on first use. */
export function ReuseMenuList({
  generationId,
  seed,
  open,
  onOpenChange,
}: {
  generationId: string;
  seed: string | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <DropdownMenu open={open} onOpenChange={onOpenChange}>
      <DropdownMenuTrigger asChild>
        <ReuseTrigger />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuLabel>Load into the playground</DropdownMenuLabel>
        <DropdownMenuItem asChild>
          <Link href={reuseHref(generationId, "all")}>
            <SlidersHorizontal aria-hidden /> Use all settings
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <Link href={reuseHref(generationId, "remix")}>
            <Dices aria-hidden /> Remix (new seed)
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem asChild disabled={seed == null}>
          <Link href={reuseHref(generationId, "seed")} aria-disabled={seed == null}>
            <Hash aria-hidden /> Use seed only
            <span className="text-muted-foreground ml-auto pl-3 font-mono text-xs">{seed ?? "–"}</span>
          </Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
