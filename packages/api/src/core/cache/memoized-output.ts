import type { z } from "zod";
import { markShared } from "../transformer";

/**
 * The procedure's output schema, validating each answer object once: an answer served from an
 * in-process cache is the same object on every hit (and never changed), so its validated copy is
 * kept beside it and reused, and that copy is marked shared so its wire encoding is kept too. A
 * fresh answer is a new object and is validated as usual. The schema stays a zod schema (the API
 * reference reads it).
 */
export function memoizedOutput<S extends z.ZodType>(schema: S): S {
  const validated = new WeakMap<object, unknown>();
  const parseAsync = schema.parseAsync.bind(schema);
  const memoized = async (value: unknown, params?: Parameters<S["parseAsync"]>[1]) => {
    if (typeof value !== "object" || value === null) return parseAsync(value, params);
    if (validated.has(value)) return validated.get(value);
    const result = await parseAsync(value, params);
    markShared(result);
    validated.set(value, result);
    return result;
  };
  Object.defineProperty(schema, "parseAsync", { value: memoized, configurable: true, writable: true });
  return schema;
}
