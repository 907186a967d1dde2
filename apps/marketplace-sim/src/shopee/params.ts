import { type JsonObject } from "../http/raw-body";
import { ShopeeError } from "./errors";

/** Reads an integer query or body value; numbers sent as strings are accepted like Shopee does. */
export function intValue(
  source: URLSearchParams | JsonObject,
  name: string,
  options: { required?: boolean; min?: number; max?: number } = {},
): number | undefined {
  const raw: unknown = source instanceof URLSearchParams ? source.get(name) : source[name];
  if (raw === null || raw === undefined || raw === "") {
    if (options.required) throw new ShopeeError("error_param", `${name} is required.`);
    return undefined;
  }
  const value =
    typeof raw === "number" ? raw : typeof raw === "string" && /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value)) throw new ShopeeError("error_param", `${name} must be an integer.`);
  if (options.min !== undefined && value < options.min)
    throw new ShopeeError("error_param", `${name} must be at least ${options.min}.`);
  if (options.max !== undefined && value > options.max)
    throw new ShopeeError("error_param", `${name} must be at most ${options.max}.`);
  return value;
}

export function requiredInt(
  source: URLSearchParams | JsonObject,
  name: string,
  options: { min?: number; max?: number } = {},
): number {
  const value = intValue(source, name, { ...options, required: true });
  if (value === undefined) throw new ShopeeError("error_param", `${name} is required.`);
  return value;
}

/**
 * A list parameter in any form Shopee clients send: comma-separated (`1,2`), bracketed (`[1,2]`)
 * or repeated (`x=1&x=2`).
 */
export function listParam(params: URLSearchParams, name: string): string[] {
  return params
    .getAll(name)
    .flatMap((value) => value.replace(/^\s*\[|\]\s*$/g, "").split(","))
    .map((value) => value.trim().replace(/^"|"$/g, ""))
    .filter((value) => value.length > 0);
}

export function stringValue(
  body: JsonObject,
  name: string,
  options: { required?: boolean; max?: number } = {},
): string | undefined {
  const raw = body[name];
  if (raw === undefined || raw === null) {
    if (options.required) throw new ShopeeError("error_param", `${name} is required.`);
    return undefined;
  }
  if (typeof raw !== "string") throw new ShopeeError("error_param", `${name} must be a string.`);
  if (options.required && raw.trim() === "") throw new ShopeeError("error_param", `${name} must not be empty.`);
  if (options.max !== undefined && raw.length > options.max)
    throw new ShopeeError("error_param", `${name} is longer than ${options.max} characters.`);
  return raw;
}

export function arrayValue(body: JsonObject, name: string, options: { min?: number; max?: number } = {}): unknown[] {
  const raw = body[name];
  if (!Array.isArray(raw)) throw new ShopeeError("error_param", `${name} is required and must be a list.`);
  if (options.min !== undefined && raw.length < options.min)
    throw new ShopeeError("error_param", `${name} needs at least ${options.min} entries.`);
  if (options.max !== undefined && raw.length > options.max)
    throw new ShopeeError("error_param", `${name} accepts at most ${options.max} entries; got ${raw.length}.`);
  return raw;
}

export function objectValue(value: unknown, what: string): JsonObject {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new ShopeeError("error_param", `${what} must be an object.`);
  return value as JsonObject;
}

export function numberValue(body: JsonObject, name: string, options: { required?: boolean } = {}): number | undefined {
  const raw = body[name];
  if (raw === undefined || raw === null) {
    if (options.required) throw new ShopeeError("error_param", `${name} is required.`);
    return undefined;
  }
  if (typeof raw !== "number" || !Number.isFinite(raw))
    throw new ShopeeError("error_param", `${name} must be a number.`);
  return raw;
}
