"use client";
import { useEffect, useId, useRef, useState } from "react";
import Link from "next/link";
import { Link2, Loader2, Share2 } from "lucide-react";
import { createShare } from "@/lib/actions/create-share";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { CopyButton } from "./copy-button";

type Target = { generationId: string } | { runId: string };

/**
 * "Share" → a dialog that makes a read-only /s/<token> link to one generation or a whole run. The prompt and
 * parameters are left out unless the person switches them on.
 */
export function ShareDialog({ target, what = "generationId" in target ? "image" : "comparison" }: { target: Target; what?: string }) {
  const [open, setOpen] = useState(false);
  const [includePrompt, setIncludePrompt] = useState(false);
  const [pending, setPending] = useState(false);
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reset = () => {
    setIncludePrompt(false);
    setUrl(null);
    setError(null);
    setPending(false);
  };

  const create = async () => {
    setPending(true);
    setError(null);
    const result = await createShare({ ...target, includePrompt }).catch(() => null);
    setPending(false);
    if (result?.ok) setUrl(result.url);
    else setError(result?.message ?? "The server could not be reached.");
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) reset();
      }}
    >
      <DialogTrigger asChild>
        <Button size="sm" variant="outline">
          <Share2 aria-hidden /> Share
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Share this {what}</DialogTitle>
          <DialogDescription>
            Anyone with the link can view the {what === "image" ? "image" : "images"}, read-only. Revoke it any time on the Shares
            page.
          </DialogDescription>
        </DialogHeader>

        <ShareBody
          includePrompt={includePrompt}
          pending={pending}
          url={url}
          error={error}
          onIncludePrompt={(v) => {
            setIncludePrompt(v);
            // A link already made keeps the choice it was made with; a changed choice needs a new link.
            setUrl(null);
          }}
        />

        <DialogFooter className="items-center sm:justify-between">
          <Button asChild variant="link" size="sm" className="px-0">
            <Link href="/shares">Manage shares</Link>
          </Button>
          {!url && (
            <Button onClick={() => void create()} disabled={pending}>
              {pending ? <Loader2 className="animate-spin" aria-hidden /> : <Link2 aria-hidden />} Create link
            </Button>
          )}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

function ShareBody({
  includePrompt,
  pending,
  url,
  error,
  onIncludePrompt,
}: {
  includePrompt: boolean;
  pending: boolean;
  url: string | null;
  error: string | null;
  onIncludePrompt: (include: boolean) => void;
}) {
  const switchId = useId();
  const urlId = useId();
  // "Create link" goes away once the link exists: put focus on the new link (selected, ready to copy) rather than
  // let it fall to the dialog box.
  const link = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (url) link.current?.focus();
  }, [url]);
  return (
    <>
      <div className="flex items-start justify-between gap-4 rounded-lg border p-3">
        <div className="grid gap-1">
          <Label htmlFor={switchId}>Include prompt and parameters</Label>
          <p className="text-muted-foreground text-xs">
            {includePrompt
              ? "The page shows the prompt, the settings and the seeds."
              : "Only the images and model names; metadata is stripped from the image files."}
          </p>
        </div>
        <Switch id={switchId} checked={includePrompt} disabled={pending} onCheckedChange={onIncludePrompt} />
      </div>

      {url && (
        <div className="grid gap-2">
          <Label htmlFor={urlId}>Link</Label>
          <div className="flex gap-2">
            <Input ref={link} id={urlId} value={url} readOnly className="font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
            <CopyButton text={url} label="Copy" />
          </div>
        </div>
      )}
      {error && (
        <Alert variant="destructive">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      )}
    </>
  );
}
