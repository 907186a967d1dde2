import { describe, expect, it } from "vitest";
import { z, ZodError } from "zod";
import { memoizedOutput } from "./memoized-output";

const answer = () => ({ rows: [{ sku: "A-1", price: 1999, extra: "dropped" }], total: 1 });
const rowSchema = z.object({ sku: z.string().refine((sku) => sku.length > 0), price: z.number() });

describe("memoizedOutput", () => {
  it("answers what the schema's own parse answers, and refuses what it refuses with its error", async () => {
    const schema = memoizedOutput(z.object({ rows: z.array(rowSchema), total: z.number() }));
    await expect(schema.parseAsync(answer())).resolves.toEqual({ rows: [{ sku: "A-1", price: 1999 }], total: 1 });
    const refused = await schema.parseAsync({ rows: [{ sku: "", price: "1999" }], total: 1 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ZodError);
    expect((refused as ZodError).issues.map((issue) => issue.path.join("."))).toEqual(["rows.0.sku", "rows.0.price"]);
  });

  it("still validates a schema with an async check, which the synchronous parse cannot run", async () => {
    const schema = memoizedOutput(
      z.object({ total: z.number().refine(async (total) => Promise.resolve(total >= 0), "negative") }),
    );
    await expect(schema.parseAsync({ total: 3 })).resolves.toEqual({ total: 3 });
    await expect(schema.parseAsync({ total: -1 })).rejects.toThrow("negative");
  });

  it("validates one answer object once and hands back the same validated copy", async () => {
    const schema = memoizedOutput(z.object({ rows: z.array(rowSchema), total: z.number() }));
    const cached = answer();
    const first = await schema.parseAsync(cached);
    expect(await schema.parseAsync(cached)).toBe(first);
    expect(await schema.parseAsync(answer())).not.toBe(first);
  });
});
