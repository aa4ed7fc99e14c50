export {
  describeSchema,
  groupOrder,
  SchemaDescribeError,
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
} from "@/lib/params/describe";
export { SchemaFields, type SchemaFieldsProps } from "./schema-fields";
export { randomSeed } from "./fields/number-value";
export { checkImageFile, IMAGE_TYPES, MAX_IMAGE_BYTES } from "./fields/image-field";
