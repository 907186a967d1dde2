import { z } from "zod";
import { markShared } from "../transformer";

/**
 * The procedure's output schema, validating each answer object once: an answer served from an
 * in-process cache is the same object on every hit (and never changed), so its validated copy is
 * kept beside it and reused, and that copy is marked shared so its wire encoding is kept too. A
 * fresh answer is a new object and is validated as usual. The schema stays a zod schema (the API
 * reference reads it).
 *
 * Validation is zod's synchronous parse: on a block of grid rows the async one costs twice as much
 * (it awaits every check of every field). A schema with an async check still validates: the
 * synchronous parse refuses it with `$ZodAsyncError` and the async parse runs instead.
 */
export function memoizedOutput<S extends z.ZodType>(schema: S): S {
  const validated = new WeakMap<object, unknown>();
  const parseSync = schema.parse.bind(schema);
  const parseAsync = schema.parseAsync.bind(schema);
  const parse = async (value: unknown, params?: Parameters<S["parseAsync"]>[1]) => {
    try {
      return parseSync(value, params);
    } catch (error) {
      if (error instanceof z.core.$ZodAsyncError) return parseAsync(value, params);
      throw error;
    }
  };
  const memoized = async (value: unknown, params?: Parameters<S["parseAsync"]>[1]) => {
    if (typeof value !== "object" || value === null) return parse(value, params);
    if (validated.has(value)) return validated.get(value);
    const result = await parse(value, params);
    markShared(result);
    validated.set(value, result);
    return result;
  };
  Object.defineProperty(schema, "parseAsync", { value: memoized, configurable: true, writable: true });
  return schema;
}
