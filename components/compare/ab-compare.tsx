"use client";
import { useRef, useState, type CSSProperties, type KeyboardEvent, type PointerEvent, type ReactNode } from "react";
import { ToggleGroup } from "radix-ui";
import { ChevronsLeftRight, Columns2, SquareSplitHorizontal } from "lucide-react";
import { cn } from "@/lib/utils";
import { Badge } from "@/components/ui/badge";
import { toggleVariants } from "@/components/ui/toggle";
import { abBoxes } from "./ab-layout";

export type AbImage = { src: string; label: string; width: number; height: number };
type Mode = "slider" | "side-by-side";

const clamp = (n: number) => Math.min(100, Math.max(0, n));

/** Two images, A and B: a draggable divider over one box, or the two side by side. */
export function AbCompare({ a, b }: { a: AbImage; b: AbImage }) {
  const [mode, setMode] = useState<Mode>("slider");
  const [pos, setPos] = useState(50);
  const boxes = abBoxes(a, b);

  return (
    <div className="flex min-w-0 flex-col gap-2">
      <ToggleGroup.Root
        type="single"
        value={mode}
        onValueChange={(v) => v && setMode(v as Mode)}
        aria-label="Comparison mode"
        className="flex w-fit gap-1"
      >
        <ToggleGroup.Item value="slider" className={toggleVariants({ variant: "outline", size: "sm" })}>
          <SquareSplitHorizontal aria-hidden /> Slider
        </ToggleGroup.Item>
        <ToggleGroup.Item value="side-by-side" className={toggleVariants({ variant: "outline", size: "sm" })}>
          <Columns2 aria-hidden /> Side by side
        </ToggleGroup.Item>
      </ToggleGroup.Root>

      {mode === "slider" ? (
        <SliderView a={a} b={b} boxStyle={boxes.slider} pos={pos} onPosChange={setPos} />
      ) : (
        // items-start: each box keeps its own height rather than stretching to the taller one's row.
        <div className="grid grid-cols-2 items-start gap-2 sm:gap-3">
          {([a, b] as const).map((img, i) => {
            const name = `${i === 0 ? "A" : "B"}: ${img.label}`;
            return (
              <div key={i} className="bg-muted/40 relative mx-auto overflow-hidden rounded-lg border" style={boxes.sides[i]}>
                <Img image={img} alt={name} />
                <Corner side={i === 0 ? "left" : "right"}>{name}</Corner>
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}

/** Dragging (mouse, pen, or a sideways touch) and the slider keys move the divider. */
function useDivider(pos: number, onPosChange: (pos: number) => void) {
  const boxRef = useRef<HTMLDivElement>(null);
  const thumbRef = useRef<HTMLDivElement>(null);
  // Touch starts as "maybe a scroll": it only drags once it moves sideways, and a tap just moves the divider.
  const drag = useRef<{ id: number; x: number; y: number; active: boolean } | null>(null);

  const moveTo = (clientX: number) => {
    const rect = boxRef.current?.getBoundingClientRect();
    if (!rect || rect.width === 0) return;
    onPosChange(Math.round(clamp(((clientX - rect.left) / rect.width) * 100) * 10) / 10);
  };

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.pointerType === "mouse" && e.button !== 0) return;
    const touch = e.pointerType === "touch";
    drag.current = { id: e.pointerId, x: e.clientX, y: e.clientY, active: !touch };
    if (touch) return;
    e.preventDefault(); // no text selection or native image drag
    e.currentTarget.setPointerCapture(e.pointerId);
    thumbRef.current?.focus({ preventScroll: true });
    moveTo(e.clientX);
  };

  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    if (!d.active) {
      const dx = Math.abs(e.clientX - d.x);
      if (dx < 6 || dx <= Math.abs(e.clientY - d.y)) return;
      d.active = true;
      e.currentTarget.setPointerCapture(e.pointerId);
    }
    moveTo(e.clientX);
  };

  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    if (!d.active) moveTo(e.clientX);
    drag.current = null;
  };

  const onPointerCancel = () => {
    drag.current = null;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const next = keySteps(e.key, pos, e.shiftKey ? 10 : 1);
    if (next === null || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    onPosChange(clamp(next));
  };

  return { boxRef, thumbRef, box: { onPointerDown, onPointerMove, onPointerUp, onPointerCancel }, onKeyDown };
}

/** Where a key moves the divider (whole percent steps; Shift for tens), or null for a key it ignores. */
function keySteps(key: string, pos: number, big: number): number | null {
  const steps: Record<string, () => number> = {
    ArrowRight: () => Math.floor(pos) + big,
    ArrowUp: () => Math.floor(pos) + big,
    ArrowLeft: () => Math.ceil(pos) - big,
    ArrowDown: () => Math.ceil(pos) - big,
    PageUp: () => Math.floor(pos) + 10,
    PageDown: () => Math.ceil(pos) - 10,
    Home: () => 0,
    End: () => 100,
  };
  return steps[key]?.() ?? null;
}

function SliderView({ a, b, boxStyle, pos, onPosChange }: { a: AbImage; b: AbImage; boxStyle: CSSProperties; pos: number; onPosChange: (pos: number) => void }) {
  const { boxRef, thumbRef, box, onKeyDown } = useDivider(pos, onPosChange);
  const shown = Math.round(pos);
  return (
    <div
      ref={boxRef}
      className="bg-muted/40 relative mx-auto cursor-ew-resize touch-pan-y overflow-hidden rounded-lg border select-none"
      style={boxStyle}
      {...box}
    >
      <Img image={a} alt={`A: ${a.label}`} />
      <Img image={b} alt={`B: ${b.label}`} style={{ clipPath: `inset(0 0 0 ${pos}%)` }} />

      <div
        aria-hidden
        className="bg-background pointer-events-none absolute inset-y-0 w-0.5 -translate-x-1/2 shadow-[0_0_0_1px] shadow-foreground/25"
        style={{ left: `${pos}%` }}
      />
      <div
        ref={thumbRef}
        role="slider"
        tabIndex={0}
        aria-label="Divider position"
        aria-orientation="horizontal"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pos}
        aria-valuetext={`${shown}% A, ${100 - shown}% B`}
        onKeyDown={onKeyDown}
        className={cn(
          "bg-background text-foreground absolute top-1/2 flex size-10 -translate-x-1/2 -translate-y-1/2 items-center justify-center rounded-full border shadow-md outline-none",
          "focus-visible:ring-ring transition-[box-shadow] focus-visible:ring-2",
        )}
        style={{ left: `${pos}%` }}
      >
        <ChevronsLeftRight className="size-4" aria-hidden />
      </div>

      <Corner side="left">A: {a.label}</Corner>
      <Corner side="right">B: {b.label}</Corner>
    </div>
  );
}

function Img({ image, alt, style }: { image: AbImage; alt: string; style?: CSSProperties }) {
  return (
    // eslint-disable-next-line @next/next/no-img-element -- our own stored bytes, sized by the shared box
    <img
      src={image.src}
      alt={alt}
      width={image.width}
      height={image.height}
      draggable={false}
      className="pointer-events-none absolute inset-0 size-full object-contain"
      style={style}
    />
  );
}

/** Visible label; the images carry the same words as alt text, so assistive tech hears them once. */
function Corner({ side, children }: { side: "left" | "right"; children: ReactNode }) {
  return (
    <Badge
      variant="outline"
      aria-hidden
      className={cn(
        "bg-background/85 pointer-events-none absolute top-2 max-w-[45%] backdrop-blur-sm",
        side === "left" ? "left-2" : "right-2",
      )}
    >
      <span className="min-w-0 truncate">{children}</span>
    </Badge>
  );
}
