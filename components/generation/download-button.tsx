"use client";
import { useId } from "react";
import { Download } from "lucide-react";
import type { GenerationDTO } from "@/lib/db/dto";
import { formatBytes } from "@/lib/format";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { useEmbedSettings } from "./embed-settings";


/**
 * Download the stored original(s), with the generation's settings embedded (A1111 `parameters` + our JSON) or with
 * all metadata stripped: one switch, remembered across visits.
 */
export function DownloadButton({ generation: g }: { generation: GenerationDTO }) {
  const [embed, setEmbed] = useEmbedSettings();
  const id = useId();
  if (g.images.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {g.images.map((img) => (
        <Button key={img.id} asChild size="sm" variant="outline">
          <a
            href={`/api/images/${img.id}/download?meta=${embed ? 1 : 0}`}
            download
            title={embed ? "Download with the settings embedded" : "Download without any metadata"}
          >
            <Download aria-hidden /> Download{g.images.length > 1 ? ` ${img.index + 1}` : ""} ({formatBytes(img.bytes)})
          </a>
        </Button>
      ))}
      <div className="flex items-center gap-2">
        <Switch id={id} checked={embed} onCheckedChange={setEmbed} />
        <Label htmlFor={id} className="text-sm font-normal">
          Embed settings
        </Label>
      </div>
    </div>
  );
}
