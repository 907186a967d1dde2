import { z } from "zod";

/**
 * PostgreSQL text cannot hold U+0000, and a UTF-16 half of a surrogate pair has no UTF-8 form:
 * either one in a parameter makes the database refuse the whole statement. Every text input goes
 * through `text()` (a field error) or, for searches, `searchText()` (the character becomes U+FFFD,
 * so the search runs and simply finds nothing that contains it).
 */
const NUL = String.fromCharCode(0);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, "g");

export const UNSTORABLE_TEXT_MESSAGE = "Must not contain NUL characters or unpaired UTF-16 surrogates";

/** True when `value` can be stored in a PostgreSQL text column as it is. */
export function isStorableText(value: string): boolean {
  return !value.includes(NUL) && !LONE_SURROGATE.test(value);
}

/** `value` with every NUL and unpaired surrogate replaced by U+FFFD. */
export function toStorableText(value: string): string {
  return isStorableText(value) ? value : value.replaceAll(NUL, "\uFFFD").replace(LONE_SURROGATES, "\uFFFD");
}

/** The one string schema for text inputs: refuses what PostgreSQL cannot store, with a field error. */
export function text(params?: Parameters<typeof z.string>[0]) {
  return z.string(params).refine(isStorableText, { message: UNSTORABLE_TEXT_MESSAGE });
}

/** A search term: never refused for its characters; NUL and unpaired surrogates are matched as text. */
export function searchText(params?: Parameters<typeof z.string>[0]) {
  return z.string(params).overwrite(toStorableText);
}
