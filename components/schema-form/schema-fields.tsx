"use client";

import * as React from "react";
import { ChevronDownIcon } from "lucide-react";
import { get, useFormState, useWatch } from "react-hook-form";

import { cn } from "@/lib/utils";
import type { FieldGroup } from "@/lib/providers/types";
import type { FieldDescriptor } from "@/lib/params/descriptors";
import { NumberField } from "./fields/number-field";
import { SeedField } from "./fields/seed-field";
import { SelectField } from "./fields/select-field";
import { SizeField } from "./fields/size-field";
import { SliderField } from "./fields/slider-field";
import { SwitchField } from "./fields/switch-field";
import { TextField } from "./fields/text-field";
import { TextareaField } from "./fields/textarea-field";

export interface SchemaFieldsProps {
  /** From `describeSchema(model.schema)`; already in display order. */
  descriptors: FieldDescriptor[];
  /** Whether the seed is kept between runs (the caller picks a new one per run when unlocked). */
  seedLocked: boolean;
  onSeedLockedChange: (locked: boolean) => void;
  disabled?: boolean;
}

interface FieldProps {
  descriptor: FieldDescriptor;
  seedLocked: boolean;
  onSeedLockedChange: (locked: boolean) => void;
  disabled?: boolean | undefined;
}

/** Only image-to-image models have an input image: the field's code loads with the first form that shows one. */
const ImageField = React.lazy(() => import("./fields/image-field").then((m) => ({ default: m.ImageField })));

function Field({ descriptor: d, seedLocked, onSeedLockedChange, disabled }: FieldProps) {
  switch (d.widget) {
    case "textarea":
      return <TextareaField descriptor={d} disabled={disabled} />;
    case "text":
      return <TextField descriptor={d} disabled={disabled} />;
    case "number":
      return <NumberField descriptor={d} disabled={disabled} />;
    case "slider":
      return <SliderField descriptor={d} disabled={disabled} />;
    case "select":
      return <SelectField descriptor={d} disabled={disabled} />;
    case "switch":
      return <SwitchField descriptor={d} disabled={disabled} />;
    case "seed":
      return <SeedField descriptor={d} locked={seedLocked} onLockedChange={onSeedLockedChange} disabled={disabled} />;
    case "size":
      return <SizeField descriptor={d} disabled={disabled} />;
    case "image":
      return (
        <React.Suspense fallback={<div role="status" aria-label={`Loading ${d.label}`} className="bg-muted/40 h-24 animate-pulse rounded-md" />}>
          <ImageField descriptor={d} disabled={disabled} />
        </React.Suspense>
      );
  }
}

/**
 * Renders the field only while the watched field holds one of the listed values. The field registers with
 * `shouldUnregister`, so while hidden its value is left out of the submitted values (and comes back from the
 * form's default values when shown again).
 */
function ShowWhen({ when, children }: { when: NonNullable<FieldDescriptor["showWhen"]>; children: React.ReactNode }) {
  const value: unknown = useWatch({ name: when.field });
  return when.equals.some((v) => v === value) ? children : null;
}

function FieldList(props: Omit<FieldProps, "descriptor"> & { descriptors: FieldDescriptor[]; className?: string }) {
  const { descriptors, className, ...rest } = props;
  return (
    <div className={cn("flex flex-col gap-5", className)}>
      {descriptors.map((d) =>
        d.showWhen ? (
          <ShowWhen key={d.name} when={d.showWhen}>
            <Field descriptor={d} {...rest} />
          </ShowWhen>
        ) : (
          <Field key={d.name} descriptor={d} {...rest} />
        ),
      )}
    </div>
  );
}

/**
 * The parameter fields of one model, rendered from descriptors inside a react-hook-form `FormProvider`: prompt,
 * size and main groups in order, then the advanced group folded under "Advanced settings". Field values use the
 * schema's own shapes (numbers as numbers, unset as undefined), so `zodResolver(model.schema)` validates them as is.
 *
 * Memoized: the fields follow the form through react-hook-form's subscriptions, so the form's own re-renders (one at
 * every mount, when react-hook-form marks itself ready; every change on /compare, which watches all values) need not
 * render every field again. Callers pass stable descriptors and a stable `onSeedLockedChange`.
 */
export const SchemaFields = React.memo(function SchemaFields({ descriptors, seedLocked, onSeedLockedChange, disabled }: SchemaFieldsProps) {
  const byGroup = (group: FieldGroup) => descriptors.filter((d) => d.group === group);
  const advanced = byGroup("advanced");
  const { errors } = useFormState();
  const advancedHasError = advanced.some((d) => get(errors, d.name) !== undefined);
  const [advancedOpen, setAdvancedOpen] = React.useState(false);
  const contentId = React.useId();
  // An error inside the folded section must be visible, so it stays open while one is there.
  const open = advancedOpen || advancedHasError;
  const common = { seedLocked, onSeedLockedChange, disabled };

  return (
    <div className="flex flex-col gap-6 text-sm">
      {(["prompt", "size", "main"] as const).map((group) => {
        const fields = byGroup(group);
        return fields.length > 0 ? <FieldList key={group} descriptors={fields} {...common} /> : null;
      })}
      {advanced.length > 0 && (
        // A plain disclosure button (aria-expanded + aria-controls): all Radix's Collapsible added here was weight.
        <div className="border-t pt-2">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={contentId}
            data-state={open ? "open" : "closed"}
            onClick={() => setAdvancedOpen(!open)}
            className="group -mx-2 flex w-[calc(100%+1rem)] items-center justify-between rounded-md px-2 py-2 text-sm font-medium outline-none hover:bg-accent/60 focus-visible:ring-2 focus-visible:ring-ring"
          >
            <span className="flex items-center gap-2">
              Advanced settings
              {advancedHasError && (
                <span className="size-1.5 rounded-full bg-destructive" aria-label="has errors" role="img" />
              )}
            </span>
            <ChevronDownIcon className="size-4 text-muted-foreground transition-transform group-data-[state=open]:rotate-180" />
          </button>
          {/* Hidden, not unmounted: the fields keep their state and no showWhen field unregisters while folded. */}
          <div id={contentId} hidden={!open} className="animate-overlay-in">
            <FieldList descriptors={advanced} {...common} className="pt-3 pb-1" />
          </div>
        </div>
      )}
    </div>
  );
});
