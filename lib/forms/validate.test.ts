import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { allTargets } from "@/lib/providers";
import { sharedDefaults, sharedSchema } from "@/lib/compare/shared";
import { describeSchema, type FieldDescriptor } from "@/lib/params/describe";
import { humanErrorMap } from "./human-errors";
import { validateValues } from "./validate";
import { descriptorResolver } from "./resolver";

/** Values that break one field each, in the ways a person can: out of range, fractional, too long, unlisted, empty. */
function probes(d: FieldDescriptor): unknown[] {
  switch (d.widget) {
    case "number":
    case "slider":
    case "seed": {
      const out: unknown[] = [];
      if (d.min !== undefined) out.push(d.min - 1);
      if (d.max !== undefined && d.max < Number.MAX_SAFE_INTEGER) out.push(d.max + 1);
      if ((d.widget === "seed" || d.int) && d.min !== undefined) out.push(d.min + 0.5);
      if ("multipleOf" in d && d.multipleOf !== undefined && d.min !== undefined) out.push(d.min + d.multipleOf / 2 + 1);
      if (d.required) out.push(undefined);
      return out;
    }
    case "text":
    case "textarea":
      return [
        ...(d.minLength ? [""] : []),
        // At the limit with a trailing newline: within it where the schema trims first (a prompt), past it elsewhere.
        ...(d.maxLength !== undefined ? ["x".repeat(d.maxLength + 1), `${"x".repeat(d.maxLength)}\n`] : []),
        ...(d.required ? [undefined] : []),
      ];
    case "select":
      return ["__not_listed__", ...(d.required ? [undefined] : [])];
    case "size":
      return ["__not_listed__", ...(d.custom ? [{ width: 8, height: 1024 }, { width: 1024, height: 99_999 }] : [])];
    default:
      return d.required ? [undefined] : [];
  }
}

const schemas: [string, z.ZodObject, Record<string, unknown>][] = [
  ...allTargets().map(({ provider, model }) => [`${provider.id}/${model.id}`, model.schema, model.defaults] as [string, z.ZodObject, Record<string, unknown>]),
  ["compare shared", sharedSchema, sharedDefaults],
];

describe("validateValues speaks like the server's zod error map", () => {
  for (const [name, schema, defaults] of schemas) {
    it(`agrees with ${name} on every probe`, () => {
      const fields = describeSchema(schema);
      const map = humanErrorMap(schema);
      let compared = 0;
      for (const d of fields) {
        for (const probe of probes(d)) {
          const values = { ...defaults, [d.name]: probe };
          const parsed = schema.safeParse(values, { error: map });
          const ours = validateValues(fields, values);
          const issues = parsed.success ? [] : parsed.error.issues.filter((i) => i.path[0] === d.name);
          const first = issues[0];
          // A message written on the schema itself ("Enter a prompt.") is the server's own; ours is the map's.
          if (first && map({ ...first, input: probe } as never) !== first.message) continue;
          const path = first ? first.path.join(".") : d.name;
          expect({ field: d.name, probe, message: ours[path] }).toEqual({ field: d.name, probe, message: first?.message });
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(0);
    });
  }

  it("finds nothing wrong with every model's defaults", () => {
    for (const { model } of allTargets()) expect(validateValues(describeSchema(model.schema), model.defaults)).toEqual({});
  });
});

describe("a seed whose range passes 2^53 (DeepInfra's, the comparison's)", () => {
  for (const [name, schema, defaults] of schemas.filter(([, s]) => describeSchema(s).some((d) => d.widget === "seed" && d.wide))) {
    it(`${name}: the browser and the server say the same, to the last digit`, () => {
      const fields = describeSchema(schema);
      const seed = fields.find((d) => d.widget === "seed")!;
      const { min, max } = seed.wide!;
      const past = String(BigInt(max) + 1n);
      for (const probe of ["18446744073709551616", past, "-1", 2 ** 60, 0.5, "12a", max, "18446744073709551615", "9007199254740993", 0]) {
        const values = { ...defaults, prompt: "p", [seed.name]: probe };
        const server = schema.safeParse(values, { error: humanErrorMap(schema) });
        const message = server.success ? undefined : server.error.issues.find((i) => i.path[0] === seed.name)?.message;
        expect({ probe, message: validateValues(fields, values)[seed.name] }).toEqual({ probe, message });
      }
      expect(validateValues(fields, { ...defaults, prompt: "p", [seed.name]: past })[seed.name]).toBe(`Seed must be between ${min} and ${max}`);
      expect(validateValues(fields, { ...defaults, prompt: "p", [seed.name]: max })).toEqual({});
    });
  }
});

describe("descriptorResolver", () => {
  const fields = describeSchema(sharedSchema);
  it("puts each message on its field, nested for a custom size", async () => {
    const r = await descriptorResolver(fields)({ prompt: "", size: { width: 8, height: 1024 }, steps: 500 }, undefined, {
      fields: {},
      shouldUseNativeValidation: false,
    });
    expect(r.errors).toMatchObject({
      prompt: { message: "Write a prompt" },
      steps: { message: "Steps must be between 1 and 100" },
      size: { width: { message: "Size must be at least 64" } },
    });
  });
  it("passes valid values through", async () => {
    const values = { ...sharedDefaults, steps: 20 };
    const r = await descriptorResolver(fields)(values, undefined, { fields: {}, shouldUseNativeValidation: false });
    expect(r).toEqual({ values, errors: {} });
  });
});
