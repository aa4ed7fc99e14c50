"use client";
import { X } from "lucide-react";
import type { GridModelOption } from "@/lib/grid/options";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectSeparator, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { Toggle } from "@/components/ui/toggle";
import { isNumeric, PROMPT_SR, TARGET, type AxisDraft } from "./axis-draft";
import { TargetChecklist } from "./target-checklist";

type FieldOption = GridModelOption["fields"][number];
type Patch = (patch: Partial<AxisDraft>) => void;

/** What every input of one axis shares: its id prefix and how it points at the axis's errors. */
interface InputWiring {
  id: string;
  invalid: boolean;
  described: string | undefined;
}

/** One axis: what it varies, then its values (a list, a range with a step, prompt replacements or models). */
export function AxisEditor({
  name,
  axis,
  model,
  models,
  errors,
  onChange,
  onFieldChange,
  onRemove,
}: {
  /** "X", "Y" or "Z". */
  name: string;
  axis: AxisDraft;
  model: GridModelOption;
  models: GridModelOption[];
  errors: string[];
  onChange: (patch: Partial<AxisDraft>) => void;
  onFieldChange: (field: string) => void;
  onRemove: () => void;
}) {
  const id = `axis-${axis.id}`;
  const d = model.fields.find((f) => f.name === axis.field);
  const errorId = `${id}-errors`;
  const invalid = errors.length > 0;
  const wiring: InputWiring = { id, invalid, described: invalid ? errorId : undefined };
  return (
    <fieldset className="grid min-w-0 grid-cols-1 content-start gap-3 rounded-lg border p-3" aria-label={`${name} axis editor`} data-testid={`axis-${name}`}>
      <AxisFieldPicker name={name} axis={axis} model={model} wiring={wiring} onFieldChange={onFieldChange} onRemove={onRemove} />
      {axis.field === PROMPT_SR && <PromptReplacements axis={axis} wiring={wiring} onChange={onChange} />}
      {axis.field === TARGET && (
        <TargetChecklist models={models} selected={axis.targets} onChange={(targets) => onChange({ targets })} describedBy={wiring.described} />
      )}
      {d && isNumeric(d) && <ValueModeToggle name={name} axis={axis} onChange={onChange} />}
      {d && (axis.mode === "list" || !isNumeric(d)) && <ValueList d={d} axis={axis} wiring={wiring} onChange={onChange} />}
      {d && isNumeric(d) && axis.mode === "range" && <ValueRange axis={axis} wiring={wiring} onChange={onChange} />}
      {invalid && <AxisErrors id={errorId} errors={errors} />}
    </fieldset>
  );
}

function AxisFieldPicker({
  name,
  axis,
  model,
  wiring: { id, invalid, described },
  onFieldChange,
  onRemove,
}: {
  name: string;
  axis: AxisDraft;
  model: GridModelOption;
  wiring: InputWiring;
  onFieldChange: (field: string) => void;
  onRemove: () => void;
}) {
  return (
    <div className="flex items-end gap-2">
      <div className="grid min-w-0 flex-1 gap-1.5">
        <Label htmlFor={`${id}-field`}>{name} axis</Label>
        <Select value={axis.field} onValueChange={onFieldChange}>
          <SelectTrigger id={`${id}-field`} className="min-w-0 [&>span]:min-w-0 [&>span]:truncate" aria-invalid={invalid || undefined} aria-describedby={described}>
            <SelectValue placeholder="Choose what varies" />
          </SelectTrigger>
          <SelectContent>
            {model.fields.map((f) => (
              <SelectItem key={f.name} value={f.name}>
                {f.label}
              </SelectItem>
            ))}
            <SelectSeparator />
            <SelectItem value={PROMPT_SR}>Prompt S/R (search and replace)</SelectItem>
            <SelectItem value={TARGET}>Provider / model</SelectItem>
          </SelectContent>
        </Select>
      </div>
      <Button type="button" variant="ghost" size="icon" aria-label={`Remove the ${name} axis`} onClick={onRemove}>
        <X aria-hidden />
      </Button>
    </div>
  );
}

function PromptReplacements({ axis, wiring: { id, invalid, described }, onChange }: { axis: AxisDraft; wiring: InputWiring; onChange: Patch }) {
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={`${id}-prompts`}>Search, then replacements (one per line)</Label>
      <Textarea
        id={`${id}-prompts`}
        rows={3}
        value={axis.prompts}
        aria-invalid={invalid || undefined}
        aria-describedby={described}
        placeholder={"red\nblue\ngreen"}
        onChange={(e) => onChange({ prompts: e.target.value })}
      />
      <p className="text-muted-foreground text-xs">The first line is searched for in the prompt; each line gives one row or column.</p>
    </div>
  );
}

function ValueModeToggle({ name, axis, onChange }: { name: string; axis: AxisDraft; onChange: Patch }) {
  return (
    <div className="flex gap-1" role="group" aria-label={`${name} axis values as`}>
      <Toggle size="sm" variant="outline" pressed={axis.mode === "list"} onPressedChange={() => onChange({ mode: "list" })}>
        List
      </Toggle>
      <Toggle size="sm" variant="outline" pressed={axis.mode === "range"} onPressedChange={() => onChange({ mode: "range" })}>
        Range
      </Toggle>
    </div>
  );
}

function ValueList({ d, axis, wiring: { id, invalid, described }, onChange }: { d: FieldOption; axis: AxisDraft; wiring: InputWiring; onChange: Patch }) {
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={`${id}-list`}>{d.label} values (comma-separated)</Label>
      <Input
        id={`${id}-list`}
        value={axis.list}
        aria-invalid={invalid || undefined}
        aria-describedby={described}
        onChange={(e) => onChange({ list: e.target.value })}
      />
      <p className="text-muted-foreground text-xs">{hint(d)}</p>
    </div>
  );
}

function ValueRange({ axis, wiring: { id, invalid, described }, onChange }: { axis: AxisDraft; wiring: InputWiring; onChange: Patch }) {
  return (
    <div className="grid grid-cols-3 gap-2">
      {(["from", "to", "step"] as const).map((k) => (
        <div key={k} className="grid gap-1.5">
          <Label htmlFor={`${id}-${k}`}>{k === "from" ? "From" : k === "to" ? "To" : "Step"}</Label>
          <Input
            id={`${id}-${k}`}
            inputMode="decimal"
            value={axis[k]}
            aria-invalid={invalid || undefined}
            aria-describedby={described}
            onChange={(e) => onChange({ [k]: e.target.value })}
          />
        </div>
      ))}
    </div>
  );
}

function AxisErrors({ id, errors }: { id: string; errors: string[] }) {
  return (
    <ul id={id} className="text-destructive grid gap-0.5 text-sm" aria-live="polite">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  );
}

function hint(d: FieldOption): string {
  switch (d.widget) {
    case "select":
      return `Options: ${d.options.map((o) => o.value).join(", ")}`;
    case "size":
      return `Presets: ${d.presets.map((p) => p.value).join(", ")}${d.custom ? ", or WxH (e.g. 1024x768)" : ""}`;
    case "slider":
    case "number":
    case "seed":
      return d.min !== undefined && d.max !== undefined ? `${d.min}–${d.max}` : "Numbers";
    case "switch":
      return "on, off";
    default:
      return "";
  }
}
