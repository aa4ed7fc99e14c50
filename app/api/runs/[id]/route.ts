import { getRun } from "@/lib/db/runs";
import { wakeRunner } from "@/lib/jobs/runner";
import { linkRunInputImages } from "@/lib/input-images";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  void wakeRunner({ lookForWork: false });
  const run = await getRun(id);
  if (!run) return Response.json({ error: "not_found" }, { status: 404 });
  return Response.json(linkRunInputImages(run), { headers: { "Cache-Control": "no-store" } });
}
