/** A tiny field checker: each provider formats the collected issues in its own error style. */
import { describe, typeName } from "./wire";

export interface Issue {
  field: string;
  message: string;
  expected: string;
  received: string;
}

interface NumberRule {
  required?: boolean;
  integer?: boolean;
  min?: number;
  max?: number;
  multipleOf?: number;
}

interface CheckerOptions {
  /** Eachlabs: numbers may arrive as numeric strings ("3.5"). */
  numericStrings?: boolean;
  /** Treat null like an absent field. */
  nullIsMissing?: boolean;
}

export class Checker {
  readonly issues: Issue[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly obj: Record<string, unknown>,
    private readonly opts: CheckerOptions = {},
    private readonly prefix = "",
  ) {}

  private get(field: string): unknown {
    this.seen.add(field);
    const v = this.obj[field];
    return v === null && this.opts.nullIsMissing ? undefined : v;
  }

  add(field: string, message: string, expected: string, received: unknown): void {
    this.issues.push({ field: this.prefix + field, message, expected, received: describe(received) });
  }

  /** Marks a field as known without checking it. */
  allow(...fields: string[]): void {
    for (const f of fields) this.seen.add(f);
  }

  /** Fields present in the object that no check looked at. */
  unknownFields(): string[] {
    return Object.keys(this.obj).filter((k) => !this.seen.has(k));
  }

  missing(field: string, expected: string): void {
    this.add(field, "Required", expected, undefined);
  }

  number(field: string, rule: NumberRule = {}): number | undefined {
    const raw = this.get(field);
    const kind = rule.integer ? "integer" : "number";
    if (raw === undefined) {
      if (rule.required) this.missing(field, kind);
      return undefined;
    }
    let v: number | undefined;
    if (typeof raw === "number") v = raw;
    else if (typeof raw === "string" && this.opts.numericStrings && raw.trim() !== "" && Number.isFinite(Number(raw))) v = Number(raw);
    if (v === undefined || !Number.isFinite(v)) {
      this.add(field, `Expected ${kind}, received ${typeName(raw)}`, kind, raw);
      return undefined;
    }
    if (rule.integer && !Number.isInteger(v)) {
      this.add(field, "Expected integer, received float", "integer", raw);
      return undefined;
    }
    if (rule.min !== undefined && v < rule.min) {
      this.add(field, `Number must be greater than or equal to ${rule.min}`, `${kind} >= ${rule.min}`, raw);
      return undefined;
    }
    if (rule.max !== undefined && v > rule.max) {
      this.add(field, `Number must be less than or equal to ${rule.max}`, `${kind} <= ${rule.max}`, raw);
      return undefined;
    }
    if (rule.multipleOf !== undefined && v % rule.multipleOf !== 0) {
      this.add(field, `Number must be a multiple of ${rule.multipleOf}`, `multiple of ${rule.multipleOf}`, raw);
      return undefined;
    }
    return v;
  }

  string(field: string, rule: { required?: boolean; minLength?: number; maxLength?: number } = {}): string | undefined {
    const raw = this.get(field);
    if (raw === undefined) {
      if (rule.required) this.missing(field, "string");
      return undefined;
    }
    if (typeof raw !== "string") {
      this.add(field, `Expected string, received ${typeName(raw)}`, "string", raw);
      return undefined;
    }
    if (rule.minLength !== undefined && raw.length < rule.minLength) {
      this.add(field, `String must contain at least ${rule.minLength} character(s)`, `string of length >= ${rule.minLength}`, raw);
      return undefined;
    }
    if (rule.maxLength !== undefined && raw.length > rule.maxLength) {
      this.add(field, `String must contain at most ${rule.maxLength} character(s)`, `string of length <= ${rule.maxLength}`, `string of length ${raw.length}`);
      return undefined;
    }
    return raw;
  }

  oneOf<T extends string>(field: string, values: readonly T[], rule: { required?: boolean } = {}): T | undefined {
    const raw = this.get(field);
    const expected = values.map((v) => `'${v}'`).join(" | ");
    if (raw === undefined) {
      if (rule.required) this.missing(field, expected);
      return undefined;
    }
    if (typeof raw === "string" && (values as readonly string[]).includes(raw)) return raw as T;
    this.add(field, "Invalid enum value", expected, raw);
    return undefined;
  }

  boolean(field: string, rule: { required?: boolean } = {}): boolean | undefined {
    const raw = this.get(field);
    if (raw === undefined) {
      if (rule.required) this.missing(field, "boolean");
      return undefined;
    }
    if (typeof raw !== "boolean") {
      this.add(field, `Expected boolean, received ${typeName(raw)}`, "boolean", raw);
      return undefined;
    }
    return raw;
  }

  /** A field that must not be sent (e.g. output_format for a model that lacks it). */
  forbidden(field: string, why: string): void {
    const raw = this.get(field);
    if (raw !== undefined) this.add(field, `Unrecognized key ${why}`, "no such key", raw);
  }
}
