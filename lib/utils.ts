import { clsx, type ClassValue } from "clsx";
import { mergeClasses } from "@/lib/class-merge";

/**
 * Join class names, letting later Tailwind utilities override earlier conflicting ones. Our own small merge, not
 * tailwind-merge: that one's class table was the largest single part of the playground's script.
 */
export function cn(...inputs: ClassValue[]): string {
  return mergeClasses(clsx(inputs));
}
