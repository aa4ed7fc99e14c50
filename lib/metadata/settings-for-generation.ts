/**
 * What a downloaded image carries: a generation's parameters *as sent*, written as A1111 infotext (read through the
 * model's field roles, so every provider's wire names come out as Steps / CFG scale / Seed …) plus our own JSON.
 */
import { describeSchema, type FieldDescriptor } from "@/lib/params/describe";
import type { GenerationDTO } from "@/lib/db/dto";
import { getModel, getProvider } from "@/lib/providers";
import { fieldsByRole } from "@/lib/params/roles";
import { isDataUrl, mapStrings } from "@/lib/input-images";
import { seedBigInt } from "@/lib/params/seed-digits";
import { expectedSize } from "@/lib/params/sizes";
import type { FieldRole } from "@/lib/providers/types";
import { formatA1111 } from "./a1111";
import { embedSettings, stripMetadata, UnsupportedImageFormatError, type EmbeddedSettings } from "./embed";
import { a1111Name } from "./samplers";
import { SETTINGS_APP, SETTINGS_VERSION, type PlaygroundSettingsJson } from "./settings-json";

type Size = { width: number; height: number };
type Values = Record<string, unknown>;

const isRecord = (v: unknown): v is Values => typeof v === "object" && v !== null && !Array.isArray(v);

/** Roles written as A1111's own keys; everything else becomes an extra key named by its form label. */
const TYPED_ROLES: ReadonlySet<FieldRole> = new Set<FieldRole>([
  "prompt",
  "negativePrompt",
  "steps",
  "cfg",
  "seed",
  "sampler",
  "scheduler",
  // Covered by Size, the image's real pixels.
  "width",
  "height",
]);

/**
 * The model's fields as they went over the wire. Bodies differ per provider (Eachlabs nests them under `input`), so
 * a field missing at the top level is looked up one level down, in any nested object that is not itself a field.
 */
export function sentFieldValues(fieldNames: readonly string[], sent: Values): Values {
  const names = new Set(fieldNames);
  const nested = Object.entries(sent)
    .filter(([k, v]) => !names.has(k) && isRecord(v))
    .map(([, v]) => v as Values);
  const out: Values = {};
  for (const name of fieldNames) {
    if (Object.hasOwn(sent, name)) out[name] = sent[name];
    else {
      const holder = nested.find((o) => Object.hasOwn(o, name));
      if (holder) out[name] = holder[name];
    }
  }
  return out;
}

/** An uploaded input image would make the file megabytes larger (and overflow JPEG's 64 KB EXIF segment). */
function elideDataUrls(value: unknown): unknown {
  return mapStrings(value, (s) => (isDataUrl(s) ? `[uploaded image omitted: ${Math.round((s.length * 3) / 4 / 1024)} KB]` : s));
}

/** A1111's key pattern is letters, digits, `_`, space, `-`, `/`; other characters would end the key early. */
const safeKey = (label: string) => label.replace(/[^\p{L}\p{N}_ \-/]+/gu, " ").replace(/\s+/g, " ").trim();

function extraValue(value: unknown, d: FieldDescriptor | undefined): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "string") return isDataUrl(value) ? undefined : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (isRecord(value) && d?.widget === "size" && "width" in value && "height" in value) {
    return `${String(value.width)}x${String(value.height)}`;
  }
  return JSON.stringify(value);
}

const numberOf = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/**
 * The settings to embed for one generation. `size` is the image's real size (defaults to the first stored image).
 * Works for a model no longer offered too: then nothing is known by role and every sent field becomes an extra.
 */
export function settingsForGeneration(g: GenerationDTO, size?: Size): EmbeddedSettings {
  const provider = getProvider(g.provider);
  const model = getModel(g.provider, g.model);
  const schema = model?.schema;
  const fieldNames = schema ? Object.keys(schema.shape) : Object.keys(g.sent ?? g.input);
  const values = sentFieldValues(fieldNames, g.sent ?? g.input);
  const roles = schema ? fieldsByRole(schema) : {};
  const descriptors = new Map(schema ? describeSchema(schema).map((d) => [d.name, d]) : []);
  const byRole = (role: FieldRole) => (roles[role] ? values[roles[role]] : undefined);
  const optionLabel = (name: string | undefined, value: string) => {
    const d = name ? descriptors.get(name) : undefined;
    return d?.widget === "select" ? d.options.find((o) => String(o.value) === value)?.label : undefined;
  };

  const sampler = byRole("sampler");
  const scheduler = byRole("scheduler");
  // Digits past 2^53 for a wide seed field (DeepInfra): every digit, as the text writes it.
  const sentSeed = seedBigInt(byRole("seed"));
  const realSize = size ?? g.images[0] ?? (schema ? expectedSize(schema, values) : null);
  const prompt = byRole("prompt");
  const negative = byRole("negativePrompt");

  const extra: Record<string, string> = { Provider: provider?.label ?? g.provider };
  for (const name of fieldNames) {
    const d = descriptors.get(name);
    if (d?.role && TYPED_ROLES.has(d.role)) continue;
    const text = extraValue(values[name], d);
    const key = safeKey(d?.label ?? name);
    if (text !== undefined && key && !(key in extra)) extra[key] = text;
  }
  if (g.emulated) extra.Emulated = "true";

  const a1111 = formatA1111({
    prompt: typeof prompt === "string" ? prompt : g.prompt,
    ...(typeof negative === "string" && negative.trim() && { negativePrompt: negative }),
    steps: numberOf(byRole("steps")),
    ...(typeof sampler === "string" && { sampler: a1111Name("sampler", sampler, optionLabel(roles.sampler, sampler)) }),
    ...(typeof scheduler === "string" && {
      scheduleType: a1111Name("scheduler", scheduler, optionLabel(roles.scheduler, scheduler)),
    }),
    cfgScale: numberOf(byRole("cfg")),
    seed: g.seed ?? (sentSeed !== undefined && sentSeed >= 0n ? sentSeed.toString() : undefined),
    ...(realSize && { width: realSize.width, height: realSize.height }),
    model: `${g.provider}/${g.model}`,
    extra,
  });

  const json: PlaygroundSettingsJson = {
    app: SETTINGS_APP,
    version: SETTINGS_VERSION,
    provider: g.provider,
    model: g.model,
    input: elideDataUrls(g.input) as Values,
    sent: g.sent ? (elideDataUrls(g.sent) as Values) : null,
    seed: g.seed,
    timings: g.timings,
    cost: g.cost,
    createdAt: g.createdAt,
    emulated: g.emulated,
  };
  return { a1111, json: JSON.stringify(json) };
}

/**
 * The bytes to hand out for a download: settings embedded (`embed`) or every text/EXIF metadata stripped. Neither
 * re-encodes pixels. Formats the metadata library cannot edit (GIF, AVIF) come back unchanged.
 */
export async function embedForDownload(
  bytes: Uint8Array,
  mime: string,
  generation: GenerationDTO,
  embed: boolean,
  size?: Size,
): Promise<Uint8Array> {
  try {
    if (!embed) return await stripMetadata(bytes, mime);
    const full = settingsForGeneration(generation, size);
    // JPEG keeps EXIF in one 64 KB segment; a huge prompt (escaped \uXXXX in the JSON) can overflow it. Then the
    // JSON goes without the wire body (the input still reloads it), and at worst only the A1111 text is written.
    const json = JSON.parse(full.json) as PlaygroundSettingsJson;
    const attempts: EmbeddedSettings[] = [full, { ...full, json: JSON.stringify({ ...json, sent: null }) }, { ...full, json: "" }];
    for (const [i, settings] of attempts.entries()) {
      try {
        return await embedSettings(bytes, mime, settings);
      } catch (error) {
        if (!(error instanceof RangeError) || i === attempts.length - 1) throw error;
      }
    }
    return bytes;
  } catch (error) {
    if (error instanceof UnsupportedImageFormatError) return bytes;
    throw error;
  }
}
