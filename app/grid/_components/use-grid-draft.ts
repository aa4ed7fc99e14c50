"use client";
import { useMemo, useRef, useState } from "react";
import type { GridModelOption } from "@/lib/grid/options";
import { gridRequest, newDraft, startingGrid, suggestField, type AxisDraft } from "./axis-draft";

/** The grid as the person edits it (model, prompt, negative, seed and up to three axes) and the request it makes. */
export function useGridDraft(models: GridModelOption[]) {
  const [start] = useState(() => startingGrid(models));
  const [modelKey, setModelKey] = useState(start.model.key);
  const model = models.find((m) => m.key === modelKey) ?? start.model;
  const [prompt, setPrompt] = useState(start.prompt);
  const [negative, setNegative] = useState("");
  const [seed, setSeed] = useState("");
  const nextId = useRef(2);
  const [axes, setAxes] = useState<AxisDraft[]>(start.axes);

  const request = useMemo(() => gridRequest(model, prompt, negative, seed, axes), [model, prompt, negative, seed, axes]);

  const changeModel = (key: string) => {
    const next = models.find((m) => m.key === key);
    if (!next) return;
    setModelKey(key);
    // Axes on fields the new model lacks start again on its first field; prompt S/R and provider/model stay.
    setAxes((list) =>
      list.map((a, i) =>
        a.field.startsWith("__") || next.fields.some((f) => f.name === a.field) ? a : newDraft(a.id, suggestField(next, list.slice(0, i).map((b) => b.field)), next, models),
      ),
    );
  };

  const axisActions = {
    patch: (id: number, patch: Partial<AxisDraft>) => setAxes((list) => list.map((x) => (x.id === id ? { ...x, ...patch } : x))),
    changeField: (id: number, field: string) => setAxes((list) => list.map((x) => (x.id === id ? newDraft(id, field, model, models) : x))),
    remove: (id: number) => setAxes((list) => list.filter((x) => x.id !== id)),
    add: () => setAxes((list) => [...list, newDraft(nextId.current++, suggestField(model, list.map((a) => a.field)), model, models)]),
  };

  return {
    fields: { modelKey, model, prompt, negative, seed, setPrompt, setNegative, setSeed, changeModel },
    axes,
    axisActions,
    request,
  };
}

export type GridDraftFields = ReturnType<typeof useGridDraft>["fields"];
export type AxisActions = ReturnType<typeof useGridDraft>["axisActions"];
export type GridRequest = ReturnType<typeof useGridDraft>["request"];
