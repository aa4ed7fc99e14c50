"use client";
import type { ReactElement, ReactNode } from "react";
import { Loader2, type LucideIcon } from "lucide-react";
import { Button } from "@/components/ui/button";

/**
 * The sticky bar under a form with its spending button (Generate, Compare): `above` and `below` for notes, and
 * `preview` to wrap the button in its cost preview. The button is never disabled while submitting, only marked busy:
 * a disabled button drops focus to the page body.
 */
export function SpendBar({
  submitting,
  disabled,
  icon: Icon,
  children,
  above,
  below,
  preview,
}: {
  submitting: boolean;
  disabled: boolean;
  icon: LucideIcon;
  children: ReactNode;
  above?: ReactNode;
  below?: ReactNode;
  preview: (button: ReactElement<{ "aria-describedby"?: string }>) => ReactNode;
}) {
  return (
    <div className="bg-background/95 sticky bottom-0 -mx-4 border-t px-4 py-3 backdrop-blur lg:bg-transparent">
      {above}
      {preview(
        <Button type="submit" size="lg" className="w-full" disabled={disabled} aria-disabled={submitting || undefined} aria-busy={submitting || undefined}>
          {submitting ? <Loader2 className="animate-spin" aria-hidden /> : <Icon aria-hidden />}
          {children}
        </Button>,
      )}
      {below}
    </div>
  );
}
