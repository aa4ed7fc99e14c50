// Client-safe: descriptor types only. Describing a schema (lib/params/describe) is the server's job, so the
// browser never loads zod for a form.
export {
  groupOrder,
  type DimensionConstraints,
  type FieldDescriptor,
  type ImageFieldDescriptor,
  type NumberFieldDescriptor,
  type SeedFieldDescriptor,
  type SelectFieldDescriptor,
  type SelectOption,
  type SizeFieldDescriptor,
  type SizePreset,
  type SliderFieldDescriptor,
  type SwitchFieldDescriptor,
  type TextFieldDescriptor,
} from "@/lib/params/descriptors";
export { SchemaFields, type SchemaFieldsProps } from "./schema-fields";
export { randomSeed } from "./fields/number-value";
