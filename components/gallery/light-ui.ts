/**
 * The looks of components/ui's Button, Badge and Input as plain class strings, for the client code of the pages that
 * must load light (gallery, shares). Those components join classes with cn() (lib/class-merge.ts, 2 KiB gzip) and
 * class-variance-authority; a string costs nothing. Keep in step with components/ui/button.tsx, badge.tsx and
 * input.tsx. Nothing merges here, so each variant spells out its colours instead of overriding another's.
 */

const buttonBase =
  "inline-flex shrink-0 items-center justify-center whitespace-nowrap rounded-md text-sm font-medium transition-[color,background-color,border-color,box-shadow] outline-none focus-visible:border-ring focus-visible:ring-2 focus-visible:ring-ring disabled:pointer-events-none disabled:opacity-50 [&_svg]:pointer-events-none [&_svg]:shrink-0 [&_svg:not([class*='size-'])]:size-4";

const buttonVariants = {
  outline: "border border-input bg-background shadow-xs hover:bg-accent hover:text-accent-foreground dark:bg-input/30 dark:hover:bg-input/50",
  ghost: "hover:bg-accent hover:text-accent-foreground dark:hover:bg-accent/50",
  /** Ghost, in the destructive colour also on hover (a Revoke or Delete beside other actions). */
  "ghost-destructive": "text-destructive hover:bg-accent dark:hover:bg-accent/50",
};

const buttonSizes = {
  default: "h-9 gap-2 px-4 py-2 has-[>svg]:px-3",
  sm: "h-8 gap-1.5 px-3 has-[>svg]:px-2.5",
};

export function buttonClass(variant: keyof typeof buttonVariants, size: keyof typeof buttonSizes = "default", extra = "") {
  return `${buttonBase} ${buttonVariants[variant]} ${buttonSizes[size]} ${extra}`;
}

const badgeBase =
  "inline-flex w-fit shrink-0 items-center justify-center gap-1 overflow-hidden rounded-md border px-2 py-0.5 text-xs font-medium whitespace-nowrap [&>svg]:pointer-events-none [&>svg]:size-3";

const badgeVariants = {
  secondary: "border-transparent bg-secondary text-secondary-foreground",
  outline: "text-foreground",
  destructive: "border-transparent bg-destructive/10 text-destructive",
};

/** `onImage`: a near-opaque page-coloured ground, so the badge reads over a thumbnail. */
export function badgeClass(variant: keyof typeof badgeVariants, { onImage = false, extra = "" } = {}) {
  const colours = onImage ? badgeVariants[variant].replace(/\bbg-\S+/, "") + " bg-background/90" : badgeVariants[variant];
  return `${badgeBase} ${colours} ${extra}`;
}

export const inputClass =
  "flex h-9 w-full min-w-0 rounded-md border border-input bg-transparent py-1 text-base shadow-xs md:text-sm transition-[color,box-shadow] outline-none placeholder:text-muted-foreground selection:bg-primary selection:text-primary-foreground disabled:cursor-not-allowed disabled:opacity-50 dark:bg-input/30 focus-visible:border-ring focus-visible:ring-2 focus-visible:ring-ring";
