import type { LineProblem } from "@/lib/suites/import";

/** Every problem of an import or a run, by line number, so the person can fix them all in one pass. */
export function LineProblems({ problems, title }: { problems: LineProblem[]; title: string }) {
  if (problems.length === 0) return null;
  const shown = problems.slice(0, 200);
  return (
    <div role="alert" className="border-destructive/40 bg-destructive/5 grid gap-1 rounded-md border p-3 text-sm">
      <p className="font-medium">{title}</p>
      <ul aria-label="Problems by line" className="grid max-h-60 gap-0.5 overflow-y-auto text-xs">
        {shown.map((p, i) => (
          <li key={i} data-line={p.line}>
            {p.message}
          </li>
        ))}
      </ul>
      {problems.length > shown.length && <p className="text-muted-foreground text-xs">…and {problems.length - shown.length} more.</p>}
    </div>
  );
}
