"use client";
import { useEffect, useRef, type KeyboardEvent, type PointerEvent } from "react";
import { Dialog as DialogPrimitive } from "radix-ui";
import { ChevronLeft, ChevronRight, X } from "lucide-react";
import { cn } from "@/lib/utils";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogDescription, DialogOverlay, DialogPortal, DialogTitle } from "@/components/ui/dialog";

export type LightboxItem = {
  id: string;
  src: string;
  alt: string;
  title: string;
  caption?: string;
  width: number;
  height: number;
};

// The one place with fixed colours: a photo viewer sits on near-black in both themes, so its chrome is light-on-dark.
const chromeButton = "size-11 rounded-full bg-black/40 text-white hover:bg-white/15 hover:text-white focus-visible:ring-white/60 dark:hover:bg-white/15";

function preload(src: string | undefined) {
  if (!src || src.startsWith("data:")) return;
  const img = new window.Image();
  img.decoding = "async";
  img.src = src;
}

/** Arrow keys, swipes and the buttons step through the images (wrapping round); the neighbours preload. */
function useStepping(items: LightboxItem[], index: number | null, onIndexChange: (i: number) => void) {
  const count = items.length;
  const many = count > 1;
  const swipeRef = useRef<{ id: number; x: number; y: number } | null>(null);
  const go = (delta: number) => {
    if (index == null || !many) return;
    onIndexChange((((index + delta) % count) + count) % count);
  };

  const open = index != null && items[index] !== undefined;
  const nextSrc = open && many ? items[(index + 1) % count]?.src : undefined;
  const prevSrc = open && many ? items[(index - 1 + count) % count]?.src : undefined;
  useEffect(() => {
    preload(nextSrc);
    preload(prevSrc);
  }, [nextSrc, prevSrc]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
      e.preventDefault();
      go(e.key === "ArrowRight" ? 1 : -1);
    }
  };

  // Swipe on touch; mouse users have the buttons and keys.
  const swipe = {
    onPointerDown: (e: PointerEvent<HTMLDivElement>) => {
      swipeRef.current = e.pointerType === "mouse" ? null : { id: e.pointerId, x: e.clientX, y: e.clientY };
    },
    onPointerUp: (e: PointerEvent<HTMLDivElement>) => {
      const s = swipeRef.current;
      swipeRef.current = null;
      if (!s || s.id !== e.pointerId) return;
      const dx = e.clientX - s.x;
      if (Math.abs(dx) > 48 && Math.abs(dx) > 1.5 * Math.abs(e.clientY - s.y)) go(dx < 0 ? 1 : -1);
    },
    onPointerCancel: () => {
      swipeRef.current = null;
    },
  };
  return { go, many, onKeyDown, swipe };
}

/** Full-screen viewer over a list of images; open while `index` is a valid position. */
export function Lightbox({
  items,
  index,
  onIndexChange,
  onClose,
}: {
  items: LightboxItem[];
  index: number | null;
  onIndexChange: (i: number) => void;
  onClose: () => void;
}) {
  const item = index == null ? undefined : items[index];
  const contentRef = useRef<HTMLDivElement>(null);
  // Opened from outside (no Radix Trigger), so remember what had focus ourselves and give it back on close.
  const returnFocusRef = useRef<HTMLElement | null>(null);
  const { go, many, onKeyDown, swipe } = useStepping(items, index, onIndexChange);

  return (
    <Dialog open={item !== undefined} onOpenChange={(open) => !open && onClose()}>
      {item && index != null && (
        <DialogPortal>
          <DialogOverlay className="bg-black/90" />
          <DialogPrimitive.Content
            ref={contentRef}
            data-slot="lightbox"
            className="data-[state=open]:animate-overlay-in fixed inset-0 z-50 flex flex-col text-white outline-none"
            onKeyDown={onKeyDown}
            onOpenAutoFocus={(e) => {
              returnFocusRef.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
              // Focus the viewer itself: the title is announced and the arrow keys work at once.
              e.preventDefault();
              contentRef.current?.focus({ preventScroll: true });
            }}
            onCloseAutoFocus={(e) => {
              e.preventDefault();
              const el = returnFocusRef.current;
              returnFocusRef.current = null;
              if (el?.isConnected) el.focus({ preventScroll: true });
            }}
            {...(item.caption ? {} : { "aria-describedby": undefined })}
          >
            <ViewerHeader title={item.title} position={index + 1} count={items.length} />
            <div
              className="relative flex min-h-0 flex-1 touch-pan-y touch-pinch-zoom items-center justify-center px-2 sm:px-16"
              {...swipe}
            >
              {/* eslint-disable-next-line @next/next/no-img-element -- our own stored bytes, fitted to the viewport */}
              <img
                key={item.id}
                src={item.src}
                alt={item.alt}
                width={item.width}
                height={item.height}
                decoding="async"
                className="size-full object-contain select-none"
                draggable={false}
              />
              {many && <StepButtons go={go} />}
            </div>
            <footer className="mx-auto w-full max-w-3xl px-4 pt-2 pb-4 text-center sm:pb-6">
              {item.caption && (
                <DialogDescription className="max-h-24 overflow-y-auto text-sm break-words whitespace-pre-line text-white/80">
                  {item.caption}
                </DialogDescription>
              )}
            </footer>
          </DialogPrimitive.Content>
        </DialogPortal>
      )}
    </Dialog>
  );
}

function ViewerHeader({ title, position, count }: { title: string; position: number; count: number }) {
  return (
    <header className="flex items-center gap-3 py-2 pr-2 pl-4 sm:pl-6">
      <div className="flex min-w-0 flex-1 items-baseline gap-3">
        <DialogTitle className="truncate text-sm font-medium sm:text-base">{title}</DialogTitle>
        <p className="shrink-0 text-xs text-white/70 tabular-nums sm:text-sm">
          <span aria-hidden>
            {position} / {count}
          </span>
          <span className="sr-only">
            Image {position} of {count}
          </span>
        </p>
      </div>
      <DialogClose asChild>
        <Button variant="ghost" size="icon" aria-label="Close" className={chromeButton}>
          <X className="size-5" aria-hidden />
        </Button>
      </DialogClose>
    </header>
  );
}

function StepButtons({ go }: { go: (delta: number) => void }) {
  return (
    <>
      <Button
        variant="ghost"
        size="icon"
        aria-label="Previous image"
        onClick={() => go(-1)}
        className={cn(chromeButton, "absolute top-1/2 left-2 -translate-y-1/2 sm:left-3")}
      >
        <ChevronLeft className="size-6" aria-hidden />
      </Button>
      <Button
        variant="ghost"
        size="icon"
        aria-label="Next image"
        onClick={() => go(1)}
        className={cn(chromeButton, "absolute top-1/2 right-2 -translate-y-1/2 sm:right-3")}
      >
        <ChevronRight className="size-6" aria-hidden />
      </Button>
    </>
  );
}
