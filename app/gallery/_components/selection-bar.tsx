"use client";
import { CheckSquare, Download, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { DeleteItemButton, deleteWarning } from "@/components/gallery/delete-item-button";
import { useEmbedSettings } from "@/components/generation/embed-settings";

/**
 * Downloads a zip of runs by a form POST, so a large selection fits and the browser saves the attachment; the
 * images carry their settings or none, as the "Embed settings" switch says.
 */
function postDownload(runIds: string[], embed: boolean) {
  const form = document.createElement("form");
  form.method = "POST";
  form.action = "/api/export";
  form.hidden = true;
  for (const [name, value] of [["runs", runIds.join(",")], ["embed", embed ? "1" : "0"]]) {
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = name!;
    input.value = value!;
    form.append(input);
  }
  document.body.append(form);
  form.submit();
  form.remove();
}

/** What to do with the selected items; floats at the bottom of the screen while anything is selected. */
export function SelectionBar({
  selected,
  loaded,
  onSelectAll,
  onClear,
  onDeleted,
}: {
  selected: string[];
  loaded: number;
  onSelectAll: () => void;
  onClear: () => void;
  onDeleted: (runIds: string[]) => void;
}) {
  const n = selected.length;
  const items = `${n} item${n === 1 ? "" : "s"}`;
  const [embed] = useEmbedSettings();
  return (
    <div
      role="region"
      aria-label="Selection"
      className="bg-background/95 sticky bottom-4 z-20 mx-auto mt-4 flex w-fit max-w-full flex-wrap items-center gap-2 rounded-lg border p-2 shadow-lg backdrop-blur"
    >
      <p className="px-2 text-sm font-medium" aria-live="polite">
        {n} selected
      </p>
      {n < loaded && (
        <Button size="sm" variant="ghost" onClick={onSelectAll}>
          <CheckSquare aria-hidden /> Select all loaded ({loaded})
        </Button>
      )}
      <Button size="sm" variant="outline" onClick={() => postDownload(selected, embed)}>
        <Download aria-hidden /> Download zip
      </Button>
      <DeleteItemButton
        target={{ runIds: selected }}
        label="Delete…"
        title={`Delete ${items}?`}
        description={`Every generation in ${n === 1 ? "it" : "them"} is deleted. ${deleteWarning.replace("Its", "Their")}`}
        onDeleted={() => onDeleted(selected)}
      />
      <Button size="sm" variant="ghost" onClick={onClear} aria-label="Clear selection">
        <X aria-hidden />
      </Button>
    </div>
  );
}
