"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Upload } from "lucide-react";
import { saveSuite } from "@/lib/actions/save-suite";
import type { ImportFormat, LineProblem } from "@/lib/suites/import";
import { MAX_NAME_CHARS, MAX_PROMPT_CHARS, MAX_SUITE_PROMPTS, MAX_SUITE_TEXT_CHARS } from "@/lib/suites/constants";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { decodeText, uploadFormat } from "@/lib/suites/upload";
import { LineProblems } from "./line-problems";
import { countOf, groupDigits } from "@/lib/format";

/** A file past this cannot hold the text the server takes: no character takes more than 4 bytes (UTF-8 or UTF-16). */
const MAX_FILE_BYTES = 4 * MAX_SUITE_TEXT_CHARS;

/**
 * Creates a suite (no `suite`) or edits one: a name and the prompts, pasted one per line or read from a .txt, .csv
 * or .tsv file (decoded here by its byte-order mark; the server parses the CSV: comma, semicolon or tab separated,
 * quotes, CRLF, an optional `category` column). Problems come back by line number and nothing is saved until there
 * are none.
 */
export function SuiteForm({ suite }: { suite?: EditedSuite }) {
  const form = useSuiteForm(suite);
  const idPrefix = suite ? "edit" : "new";
  return (
    <form onSubmit={(e) => void form.submit(e)} className="grid gap-3" aria-label={suite ? "Edit suite" : "New suite"}>
      <div className="grid gap-1.5">
        <Label htmlFor={`${idPrefix}-name`}>Name</Label>
        <Input id={`${idPrefix}-name`} value={form.name} onChange={(e) => form.setName(e.target.value)} maxLength={MAX_NAME_CHARS} required />
      </div>
      <PromptsField idPrefix={idPrefix} form={form} />
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" disabled={form.pending}>
          {form.pending ? "Saving…" : suite ? "Save changes" : "Create suite"}
        </Button>
        <UploadButton onFile={(file) => void form.readFile(file)} />
        {form.message && (
          <p role="status" className="text-sm">
            {form.message}
          </p>
        )}
      </div>
      <LineProblems problems={form.problems} title="Fix these lines, then save again:" />
    </form>
  );
}

type EditedSuite = { id: string; name: string; text: string; format: ImportFormat };
type SuiteFormState = ReturnType<typeof useSuiteForm>;

/** The form's values, reading an uploaded file into them, and saving (problems come back by line). */
function useSuiteForm(suite: EditedSuite | undefined) {
  const router = useRouter();
  const [name, setName] = useState(suite?.name ?? "");
  const [text, setText] = useState(suite?.text ?? "");
  const [format, setFormat] = useState<ImportFormat>(suite?.format ?? "lines");
  const [problems, setProblems] = useState<LineProblem[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const readFile = async (file: File) => {
    setProblems([]);
    // Characters, as the server counts them: a file of long prompts in a script of 3-byte characters is fine.
    // Bytes, not file.text(): that reads UTF-8 only, and Excel's "Unicode text" is UTF-16.
    const read = file.size > MAX_FILE_BYTES ? null : decodeText(new Uint8Array(await file.arrayBuffer()));
    if (read === null || read.length > MAX_SUITE_TEXT_CHARS) {
      setMessage(`${file.name} holds more text than a suite takes: at most ${groupDigits(MAX_SUITE_PROMPTS)} prompts of ${groupDigits(MAX_PROMPT_CHARS)} characters.`);
      return;
    }
    setText(read);
    setFormat(uploadFormat(file.name, read));
    // Cut to what a name holds: a long file name would otherwise be a name the server refuses.
    if (!name.trim()) setName(file.name.replace(/\.(csv|tsv|txt)$/i, "").slice(0, MAX_NAME_CHARS).trim());
    setMessage(null);
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setPending(true);
    setMessage(null);
    const result = await saveSuite({ ...(suite ? { id: suite.id } : {}), name, text, format }).catch(() => null);
    setPending(false);
    if (!result) return setMessage("The server could not be reached.");
    if (!result.ok) {
      setProblems(result.problems ?? []);
      return setMessage(result.message);
    }
    setProblems([]);
    if (suite) {
      setMessage(`Saved ${countOf(result.count, "prompt")}.`);
      router.refresh();
    } else router.push(`/suites/${result.suiteId}`);
  };

  return { name, setName, text, setText, format, setFormat, problems, message, pending, readFile, submit };
}

function PromptsField({ idPrefix, form: { text, setText, format, setFormat, problems } }: { idPrefix: string; form: SuiteFormState }) {
  return (
    <div className="grid gap-1.5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Label htmlFor={`${idPrefix}-prompts`}>Prompts</Label>
        <label className="text-muted-foreground flex items-center gap-1.5 text-xs">
          <input type="checkbox" className="accent-primary size-4 shrink-0" checked={format === "csv"} onChange={(e) => setFormat(e.target.checked ? "csv" : "lines")} />
          {/* One flex item: the words wrap as a sentence, not as columns. */}
          <span>
            CSV (a <code>prompt</code> and an optional <code>category</code> column; comma, semicolon or tab)
          </span>
        </label>
      </div>
      <Textarea
        id={`${idPrefix}-prompts`}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={"One prompt per line\nA red fox in the snow\nA lighthouse at dusk"}
        className="max-h-96 min-h-32 font-mono text-xs md:text-xs"
        aria-invalid={problems.length > 0}
        aria-describedby={`${idPrefix}-prompts-help`}
      />
      <p id={`${idPrefix}-prompts-help`} className="text-muted-foreground text-xs">
        Up to {groupDigits(MAX_SUITE_PROMPTS)} prompts. Empty, repeated or over-long lines are listed by number before anything is saved.
      </p>
    </div>
  );
}

function UploadButton({ onFile }: { onFile: (file: File) => void }) {
  return (
    <Button type="button" variant="outline" asChild>
      <label className="cursor-pointer">
        <Upload aria-hidden /> Upload .txt or .csv
        <input
          type="file"
          accept=".txt,.csv,.tsv,text/plain,text/csv,text/tab-separated-values"
          className="sr-only"
          aria-label="Upload a .txt or .csv file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) onFile(file);
            e.target.value = "";
          }}
        />
      </label>
    </Button>
  );
}
