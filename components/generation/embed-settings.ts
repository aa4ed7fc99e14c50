"use client";
// The "Embed settings" switch every download reads: a single image, a run's zip, a gallery selection.
import { useSyncExternalStore } from "react";

const STORAGE_KEY = "sd3pg:download:embedSettings";
const CHANGE_EVENT = "sd3pg:download:embedSettings";

function subscribe(onChange: () => void) {
  window.addEventListener("storage", onChange);
  window.addEventListener(CHANGE_EVENT, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(CHANGE_EVENT, onChange);
  };
}

function readEmbed(): boolean {
  try {
    return window.localStorage.getItem(STORAGE_KEY) !== "0";
  } catch {
    return true;
  }
}

function writeEmbed(embed: boolean) {
  try {
    window.localStorage.setItem(STORAGE_KEY, embed ? "1" : "0");
  } catch {
    // Storage disabled: the switch still works for this page view.
  }
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

/** "Embed settings", remembered in localStorage (on unless turned off). */
export function useEmbedSettings(): [boolean, (embed: boolean) => void] {
  const embed = useSyncExternalStore(subscribe, readEmbed, () => true);
  return [embed, writeEmbed];
}
