import { getGeneration } from "@/lib/db/generations";
import { wakeRunner } from "@/lib/jobs/runner";
import { linkInputImages } from "@/lib/input-images";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  void wakeRunner({ lookForWork: false });
  const generation = await getGeneration(id);
  if (!generation) return Response.json({ error: "not_found" }, { status: 404 });
  return Response.json(linkInputImages(generation), { headers: { "Cache-Control": "no-store" } });
}
