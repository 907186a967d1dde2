import { TRPCError } from "@trpc/server";
import { ZodRealError } from "zod";

export interface FieldIssue {
  path: (string | number)[];
  message: string;
}

/**
 * Input problems only the database can reveal (a taken SKU, an unknown category, stock below
 * what is reserved) reported like schema errors: BAD_REQUEST with a zod error per field path
 * (`changes.3.variant.sku`), so the grid marks the same cells it marks for its own validation.
 * ZodRealError (not ZodError) because only it extends Error, which tRPC needs to keep it as cause.
 */
export function fieldErrors(issues: FieldIssue[]): TRPCError {
  const cause = new ZodRealError(
    issues.map((issue) => ({ code: "custom" as const, path: issue.path, message: issue.message, input: undefined })),
  );
  return new TRPCError({ code: "BAD_REQUEST", message: issues[0]?.message ?? "Some fields are invalid", cause });
}
