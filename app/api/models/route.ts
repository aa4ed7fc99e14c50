import { modelsJson } from "@/lib/providers/models-json";

export const dynamic = "force-dynamic";

/**
 * Every provider and model as JSON: id, label, family, status (live, emulated or not configured) and the parameter
 * schema as JSON Schema with defaults, so scripts can build `POST /api/generations` bodies. Behind the password gate
 * like the rest of the API (proxy.ts); it names no key and no base URL.
 */
export function GET() {
  return Response.json(modelsJson(), { headers: { "Cache-Control": "no-store" } });
}
