"use client";
/** Form state that survives a reload, kept per model in localStorage. */

const prefix = "sd3pg:";

export function loadJson<T>(key: string): T | null {
  try {
    const text = window.localStorage.getItem(prefix + key);
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

export function saveJson(key: string, value: unknown) {
  try {
    window.localStorage.setItem(prefix + key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the form still works, it just won't be restored.
  }
}

export const targetKey = (provider: string, model: string) => `${provider}/${model}`;
