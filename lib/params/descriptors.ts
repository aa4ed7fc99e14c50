import type { FieldGroup, FieldMeta, FieldRole } from "@/lib/params/field-meta";

/** Plain field descriptors the form renders, produced by `describeSchema` (./describe.ts). */

export interface BaseDescriptor {
  /** Key in the object schema (the provider's wire name); also the react-hook-form path. */
  name: string;
  label: string;
  help?: string;
  placeholder?: string;
  group: FieldGroup;
  role?: FieldRole;
  /** `meta.order`, 0 when unset (like CSS `order`): negative moves a field up, positive down. */
  order: number;
  /** False when the schema is optional or has a default. */
  required: boolean;
  /** The schema's own `.default(...)`, if any (model defaults live in `ModelDefinition.defaults`). */
  defaultValue?: unknown;
  showWhen?: FieldMeta["showWhen"];
}

export interface TextFieldDescriptor extends BaseDescriptor {
  widget: "text" | "textarea";
  minLength?: number;
  maxLength?: number;
}

export interface NumberFieldDescriptor extends BaseDescriptor {
  widget: "number";
  min?: number;
  max?: number;
  int: boolean;
  /** Undefined means any value (a float without a step hint). */
  step?: number;
  /** The schema's own `.multipleOf()`, which validation enforces (`step` may be a finer UI hint). */
  multipleOf?: number;
}

export interface SliderFieldDescriptor extends BaseDescriptor {
  widget: "slider";
  min: number;
  max: number;
  int: boolean;
  step: number;
  multipleOf?: number;
}

export interface SelectOption {
  value: string | number;
  label: string;
}

export interface SelectFieldDescriptor extends BaseDescriptor {
  widget: "select";
  options: SelectOption[];
}

export interface SwitchFieldDescriptor extends BaseDescriptor {
  widget: "switch";
}

export interface SeedFieldDescriptor extends BaseDescriptor {
  widget: "seed";
  min: number;
  max: number;
  /**
   * Exact bounds (decimal text) of a range that passes 2^53 (lib/params/wide-seed.ts): the field then holds a seed
   * past 2^53 as its digits, and `min`/`max` above are only the nearest numbers.
   */
  wide?: { min: string; max: string };
}

export interface SizePreset {
  value: string;
  label: string;
  width?: number;
  height?: number;
}

export interface DimensionConstraints {
  min?: number;
  max?: number;
  /** The schema's multipleOf, or 1. */
  step: number;
  int?: boolean;
}

export interface SizeFieldDescriptor extends BaseDescriptor {
  widget: "size";
  presets: SizePreset[];
  /** Present when the schema also accepts `{ width, height }`. */
  custom?: { width: DimensionConstraints; height: DimensionConstraints };
}

export interface ImageFieldDescriptor extends BaseDescriptor {
  widget: "image";
}

export type FieldDescriptor =
  | TextFieldDescriptor
  | NumberFieldDescriptor
  | SliderFieldDescriptor
  | SelectFieldDescriptor
  | SwitchFieldDescriptor
  | SeedFieldDescriptor
  | SizeFieldDescriptor
  | ImageFieldDescriptor;

export const groupOrder: readonly FieldGroup[] = ["prompt", "size", "main", "advanced"];
