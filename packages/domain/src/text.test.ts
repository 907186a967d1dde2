import { describe, expect, it } from "vitest";
import { z } from "zod";
import { isStorableText, searchText, text, toStorableText, UNSTORABLE_TEXT_MESSAGE } from "./text";

const hostile = ["a\u0000b", "\u0000", "x\uD800", "\uDC00y", "\uDBFFz\uDBFF", "end\uD83D"];
const fine = ["", "plain", "emoji 😀 \uD83D\uDE00", "SQL '; drop table product; --", "\uFFFD", "日本語"];

describe("the shared string schema", () => {
  it("refuses NUL and unpaired surrogates with a field error, and keeps every other string", () => {
    const schema = z.object({ title: text().trim().min(1).max(50) });
    for (const value of hostile) {
      const result = schema.safeParse({ title: value });
      expect(result.success, JSON.stringify(value)).toBe(false);
      expect(z.flattenError(result.error as z.ZodError).fieldErrors).toEqual({ title: [UNSTORABLE_TEXT_MESSAGE] });
    }
    for (const value of fine.filter(Boolean)) expect(schema.parse({ title: value }).title).toBe(value.trim());
  });

  it("turns them into U+FFFD in search terms instead of refusing", () => {
    const schema = searchText().max(200);
    expect(schema.parse("a\u0000b")).toBe("a\uFFFDb");
    expect(schema.parse("x\uD800")).toBe("x\uFFFD");
    expect(schema.parse("😀")).toBe("😀");
    expect(isStorableText(toStorableText(hostile.join("")))).toBe(true);
    for (const value of fine) expect(isStorableText(value)).toBe(true);
  });
});
