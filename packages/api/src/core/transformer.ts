import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import superjson from "superjson";

type SuperJSONResult = ReturnType<typeof superjson.serialize>;

const escapeKey = (key: string) => key.replace(/\\/g, "\\\\").replace(/\./g, "\\.");
const needsEscape = /[.\\]/;

/**
 * Walks `value` and collects the paths of its Dates, as superjson names them. Returns null when the
 * value holds anything else than plain objects, arrays, strings, booleans, null, finite numbers
 * (not -0) and valid Dates, or holds one object twice: superjson's own walk encodes those. The path
 * is kept as a stack of segments and joined only at a Date (most values are not).
 */
function datePaths(root: unknown): Record<string, ["Date"]> | null {
  const dates: Record<string, ["Date"]> = {};
  const seen = new Set<object>();
  const segments: string[] = [];
  const visit = (value: unknown): boolean => {
    switch (typeof value) {
      case "string":
      case "boolean":
        return true;
      case "number":
        return Number.isFinite(value) && !Object.is(value, -0);
      case "object": {
        if (value === null) return true;
        if (seen.has(value)) return false;
        seen.add(value);
        if (value instanceof Date) {
          if (Number.isNaN(value.getTime()) || segments.length === 0) return false;
          dates[segments.join(".")] = ["Date"];
          return true;
        }
        if (Array.isArray(value)) {
          for (let i = 0; i < value.length; i++) {
            segments.push(String(i));
            const ok = visit(value[i]);
            segments.pop();
            if (!ok) return false;
          }
          return true;
        }
        const proto = Object.getPrototypeOf(value) as unknown;
        if (proto !== Object.prototype && proto !== null) return false;
        for (const key of Object.keys(value)) {
          segments.push(needsEscape.test(key) ? escapeKey(key) : key);
          const ok = visit((value as Record<string, unknown>)[key]);
          segments.pop();
          if (!ok) return false;
        }
        return true;
      }
      default:
        return false; // undefined, bigint, symbol, function
    }
  };
  return visit(root) ? dates : null;
}

/**
 * A shared answer's encoding; once a response wanted it, its JSON text (an immutable Blob) and the
 * last whole response body it was the only answer of (a batch of one, the usual case).
 */
interface SharedEncoding {
  encoded: SuperJSONResult;
  text?: Blob;
  framed?: { before: string; after: string; body: Blob };
}

/**
 * Answers served to many requests as the same object (an in-process cache's, see
 * `memoizedOutput`): never changed once made, so their encoding is kept beside them.
 */
const sharedAnswers = new WeakMap<object, SharedEncoding | null>();

/** Marks `value` as never changing again, so its encoding can be reused. */
export function markShared(value: unknown): void {
  if (typeof value === "object" && value !== null && !sharedAnswers.has(value)) sharedAnswers.set(value, null);
}

/**
 * superjson on the wire (the web app's client decodes with superjson itself), with a fast path for
 * what procedures return almost always: JSON values and Dates. superjson walks and copies every
 * value of a 100-row grid block (4-5 ms of CPU per answer); here the value is only walked once and
 * handed to JSON.stringify as it is, which writes Dates as the same ISO strings. Anything else
 * (undefined, Map, Set, BigInt, NaN, -0, class instances, shared references) goes through superjson.
 */
function encode(value: object): SuperJSONResult {
  const dates = datePaths(value);
  if (!dates) return superjson.serialize(value);
  const json = value as SuperJSONResult["json"];
  return Object.keys(dates).length === 0 ? { json } : { json, meta: { values: dates, v: 1 } };
}

/**
 * The JSON text of shared answers, spliced into the response instead of written again.
 *
 * tRPC writes a response with one `JSON.stringify` of every call's encoded answer; for a cached
 * grid block (65 KB) that was a fifth of the request's CPU, every time, for the same bytes. Inside
 * `spliceSharedAnswers` (the HTTP handler), a shared answer is encoded as a placeholder string
 * (this process's random marker and an index) and its JSON text, made once, is noted for the
 * request; the handler then replaces each quoted placeholder in tRPC's (now small) response with
 * that text. Nobody can write a placeholder into an answer: the marker is random per process and
 * never leaves it (every placeholder is replaced). The texts are Blobs, which nothing can change,
 * so one can be the body of many responses at once.
 */
const marker = `syncstore-shared-answer-${randomUUID()}:`;
const placeholder = new RegExp(`"${marker}(\\d+)"`, "g");
const requestAnswers = new AsyncLocalStorage<SharedEncoding[]>();

/**
 * Answers shorter than this are left to tRPC's stringify: writing a few KB again costs less than
 * reading tRPC's response back and making a new one (`me.context` is about 1 KB, a grid block 65).
 */
export const SPLICE_MIN_BYTES = 16 * 1024;

const textOf = (shared: SharedEncoding) => (shared.text ??= new Blob([JSON.stringify(shared.encoded)]));

function body(text: string, answers: SharedEncoding[]): Blob {
  const matches = [...text.matchAll(placeholder)];
  if (matches.length === 1 && answers.length === 1) {
    // A batch of one: the same answer is usually sent in the same frame, so keep the whole body.
    const [match] = matches as [RegExpExecArray];
    const shared = answers[0]!;
    const before = text.slice(0, match.index);
    const after = text.slice(match.index + match[0].length);
    const framed = shared.framed;
    if (framed && framed.before === before && framed.after === after) return framed.body;
    const made = new Blob([before, textOf(shared), after]);
    shared.framed = { before, after, body: made };
    return made;
  }
  const parts: (string | Blob)[] = [];
  let last = 0;
  for (const match of matches) {
    parts.push(text.slice(last, match.index), textOf(answers[Number(match[1])]!));
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return new Blob(parts);
}

/**
 * Runs `respond` (tRPC's fetch handler) so that shared answers are written from their kept text;
 * the Response it gives is returned as it is when it holds none.
 */
export async function spliceSharedAnswers(respond: () => Promise<Response>): Promise<Response> {
  const answers: SharedEncoding[] = [];
  const response = await requestAnswers.run(answers, respond);
  if (answers.length === 0) return response;
  return new Response(body(await response.text(), answers), {
    status: response.status,
    headers: response.headers,
  });
}

export const transformer = {
  serialize(value: unknown): SuperJSONResult {
    if (typeof value !== "object" || value === null) return superjson.serialize(value);
    let shared = sharedAnswers.get(value);
    if (shared === undefined) return encode(value);
    if (shared === null) {
      shared = { encoded: encode(value) };
      sharedAnswers.set(value, shared);
    }
    const answers = requestAnswers.getStore();
    if (!answers || textOf(shared).size < SPLICE_MIN_BYTES) return shared.encoded;
    answers.push(shared);
    // Replaced by the answer's JSON text before the response leaves (spliceSharedAnswers).
    return `${marker}${answers.length - 1}` as unknown as SuperJSONResult;
  },
  deserialize: <T>(payload: SuperJSONResult): T => superjson.deserialize<T>(payload),
};
