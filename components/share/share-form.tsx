"use client";
import { useActionState, useId } from "react";
import type { ShareFormState } from "@/lib/actions/create-view-share";

/**
 * A button that makes a read-only link, posting `fields` to `action`. Works before the page's script has loaded (the
 * action answers with the page showing the link); when the link cannot be made, the reason shows under the button.
 */
export function ShareForm({
  action,
  fields = {},
  label,
  note,
  className,
}: {
  action: (state: ShareFormState, formData: FormData) => Promise<ShareFormState>;
  fields?: Record<string, string | undefined>;
  label: string;
  /** What the link will show, said before it is made (e.g. that visitors see the prompts). */
  note?: string;
  className: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const id = useId();
  const describedBy = [note && `${id}-note`, state && id].filter(Boolean).join(" ");
  return (
    <form action={formAction} className="grid content-start justify-items-start gap-1">
      {Object.entries(fields).map(([name, value]) => value !== undefined && <input key={name} type="hidden" name={name} value={value} />)}
      <button type="submit" className={className} aria-busy={pending || undefined} aria-describedby={describedBy || undefined}>
        {label}
      </button>
      {note && (
        <p id={`${id}-note`} className="text-muted-foreground max-w-xs text-xs">
          {note}
        </p>
      )}
      {state && (
        <p id={id} role="alert" className="text-destructive max-w-xs text-xs">
          {state.message}
        </p>
      )}
    </form>
  );
}
