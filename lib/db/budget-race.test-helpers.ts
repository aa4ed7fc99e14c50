/**
 * One contender of budget.test.ts's race, in a process of its own (`tsx --conditions=react-server`): opens the
 * database, says "ready", waits for "go" on stdin, submits one target and prints "accepted" or "refused".
 */
import { BudgetExceeded } from "@/lib/budget/errors";
import { db } from "./client";
import { createRun } from "./runs";

await db();
process.stdout.write("ready\n");
await new Promise((resolve) => process.stdin.once("data", resolve));
try {
  await createRun({
    kind: "single",
    prompt: "race",
    targets: [{ provider: "segmind", model: "stable-diffusion-3.5-large-txt2img", prompt: "race", input: { prompt: "race" } }],
  });
  process.stdout.write("accepted\n");
} catch (error) {
  if (!(error instanceof BudgetExceeded)) throw error;
  process.stdout.write("refused\n");
}
await (await db()).$disconnect();
process.exit(0);
