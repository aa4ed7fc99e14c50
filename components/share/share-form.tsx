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
  className,
}: {
  action: (state: ShareFormState, formData: FormData) => Promise<ShareFormState>;
  fields?: Record<string, string | undefined>;
  label: string;
  className: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const id = useId();
  return (
    <form action={formAction} className="grid content-start justify-items-start gap-1">
      {Object.entries(fields).map(([name, value]) => value !== undefined && <input key={name} type="hidden" name={name} value={value} />)}
      <button type="submit" className={className} aria-busy={pending || undefined} aria-describedby={state ? id : undefined}>
        {label}
      </button>
      {state && (
        <p id={id} role="alert" className="text-destructive max-w-xs text-xs">
          {state.message}
        </p>
      )}
    </form>
  );
}
