"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Sparkles } from "lucide-react";
import { addStarterSuite } from "@/lib/actions/save-suite";
import { Button } from "@/components/ui/button";

/** Adds a copy of the starter suite and opens it. */
export function StarterButton() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const add = async () => {
    setPending(true);
    const result = await addStarterSuite({}).catch(() => null);
    if (result?.ok) router.push(`/suites/${result.suiteId}`);
    else {
      setError(result?.message ?? "The server could not be reached.");
      setPending(false);
    }
  };
  return (
    <div className="grid gap-1">
      {/* Its own width from the left, not stretched and centred: the icon keeps its place while the label loads. */}
      <Button type="button" variant="outline" className="justify-self-start" onClick={() => void add()} disabled={pending}>
        <Sparkles aria-hidden /> Add the starter suite (24 prompts)
      </Button>
      {error && <p role="alert" className="text-destructive text-xs">{error}</p>}
    </div>
  );
}
