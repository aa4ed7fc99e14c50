"use client";
import { SlidersHorizontal } from "lucide-react";
import { Button, type ButtonProps } from "@/components/ui/button";

/** The "Reuse" button, the same before the menu has loaded (./reuse-menu.tsx) and after (./reuse-menu-list.tsx). */
export function ReuseTrigger(props: ButtonProps) {
  return (
    <Button variant="ghost" size="sm" className="h-6 gap-1 px-1.5 text-xs" aria-label="Reuse settings" {...props}>
      <SlidersHorizontal className="size-3.5" aria-hidden /> Reuse
    </Button>
  );
}
