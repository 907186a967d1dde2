import type { z } from "zod";
import { compareWithLive } from "../conflicts/compare";
import type { TaskContext } from "../context";
import type { taskPayloads } from "../payloads";

/** One compare-with-live pass over one shop (see compareWithLive). */
export async function compareLiveListings(
  payload: z.infer<(typeof taskPayloads)["compare-live-listings"]>,
  ctx: TaskContext,
): Promise<void> {
  await compareWithLive(ctx, payload.connectionId, ctx.log);
}
