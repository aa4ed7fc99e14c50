/**
 * What a field's help tells a person must be what the playground sends and accepts: the character limit it names is
 * the schema's, and the default it names is the model's own fresh-form value.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { providers } from "@/lib/providers";
import { fieldMeta } from "@/lib/params/field-meta";

const models = Object.values(providers).flatMap((p) => p.models.map((m) => ({ provider: p.id, model: m })));

function maxLength(schema: z.ZodType): number | undefined {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as { maxLength?: number; anyOf?: { maxLength?: number }[] };
  return json.maxLength ?? json.anyOf?.find((s) => s.maxLength !== undefined)?.maxLength;
}

const number = (text: string) => Number(text.replace(/,/g, ""));

describe.each(models)("$provider $model.id", ({ model }) => {
  it("names the character limit the schema enforces", () => {
    for (const [name, schema] of Object.entries(model.schema.shape)) {
      const help = fieldMeta.get(schema as z.ZodType)?.help ?? "";
      const stated = /(?:up to|at|capped here at|capped at) ([\d,]+) characters/i.exec(help)?.[1];
      if (stated === undefined) continue;
      expect(number(stated), `${name}: "${help}"`).toBe(maxLength(schema as z.ZodType));
    }
  });

  it("names the model's own default", () => {
    for (const [name, schema] of Object.entries(model.schema.shape)) {
      const meta = fieldMeta.get(schema as z.ZodType);
      const stated = /\(default ((?:[^);:]|:(?! ))+)/i.exec(meta?.help ?? "")?.[1] ?? /\bDefault ([^.]+?)\.(?:\s|$)/.exec(meta?.help ?? "")?.[1];
      const actual = model.defaults[name];
      if (stated === undefined || actual === undefined) continue;
      const label = typeof actual === "string" ? (meta?.optionLabels?.[actual] ?? actual) : String(actual);
      const said = stated.replace(/^"/, "").toLowerCase();
      const names = (v: string) => said === v.toLowerCase() || said.startsWith(`${v.toLowerCase()}"`) || said.startsWith(`${v.toLowerCase()},`);
      const same = typeof actual === "number" ? number(/^-?[\d.,]+/.exec(said)?.[0] ?? "") === actual : names(label) || names(String(actual));
      expect(same, `${name}: help says default "${stated}", the form's default is ${JSON.stringify(actual)}`).toBe(true);
    }
  });
});
