import { describe, expect, it } from "vitest";
import { normaliseAmount, normaliseDescription, normaliseImageUrl, normaliseStatus, normaliseText } from "./normalise";

describe("normalise helpers", () => {
  it.each([
    ["  a  b ", "a b"],
    [null, ""],
    ["a\u200bb", "a b"],
  ])("normaliseText(%j) = %j", (input, expected) => {
    expect(normaliseText(input)).toBe(expected);
  });

  it("drops scripts and styles from descriptions", () => {
    expect(normaliseDescription("<style>p{}</style><p>Hi</p><script>x()</script>")).toBe("Hi");
  });

  it.each([
    ["19.90", "SGD", 1990],
    ["19.999", "SGD", null],
    ["abc", "SGD", null],
    ["-5", "SGD", -500],
    ["1.500", "KWD", 1500],
    ["12,5", "EUR", 1250],
    [12.5, "SGD", null],
  ])("normaliseAmount(%j, %s) = %j", (input, currency, expected) => {
    expect(normaliseAmount(input, currency)).toBe(expected);
  });

  it("keeps the path of image URLs", () => {
    expect(normaliseImageUrl("https://a.com/x/y.webp")).toBe("a.com/x/y");
    expect(normaliseImageUrl("//a.com/x/y_800x800.jpg")).toBe("a.com/x/y");
  });

  it("unknown statuses count as not on sale", () => {
    expect(normaliseStatus("SOMETHING_NEW")).toBe("inactive");
    expect(normaliseStatus("")).toBeNull();
  });
});
