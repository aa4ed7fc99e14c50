import type { FieldErrors, FieldValues, Resolver } from "react-hook-form";
import type { FieldDescriptor } from "@/lib/params/descriptors";

/**
 * A react-hook-form resolver over descriptors (in place of `zodResolver`, which would ship zod to the browser). The
 * checks themselves (./validate.ts) load with the first value there is to check, not with the page.
 */
export function descriptorResolver<T extends FieldValues = FieldValues>(fields: readonly FieldDescriptor[]): Resolver<T> {
  return async (values) => {
    const { validateValues, nest } = await import("./validate");
    const problems = validateValues(fields, values);
    return Object.keys(problems).length === 0 ? { values, errors: {} } : { values: {}, errors: nest(problems) as FieldErrors<T> };
  };
}
