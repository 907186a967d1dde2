import { describe, expect, it } from "vitest";
import { parseJsonBody } from "./json";

const value = (text: string | Uint8Array) => {
  const parsed = parseJsonBody(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
};

describe("parseJsonBody", () => {
  it("keeps integers beyond 2^53 as their digits wherever a value can stand", () => {
    expect(value("7495000000000000001")).toBe("7495000000000000001");
    expect(value('{"a":7495000000000000001}')).toEqual({ a: "7495000000000000001" });
    expect(value('{"a" :\n\t -7495000000000000001}')).toEqual({ a: "-7495000000000000001" });
    expect(value("[1, 7495000000000000001,[ 7495000000000000002]]")).toEqual([
      1,
      "7495000000000000001",
      ["7495000000000000002"],
    ]);
    expect(value(Buffer.from('{"d":{"product_id":1729382476852921560}}'))).toEqual({
      d: { product_id: "1729382476852921560" },
    });
  });

  it("leaves safe numbers, decimals and strings of digits as they are", () => {
    expect(value('{"a":9007199254740991,"b":12345678901234567.5,"c":"7495000000000000001","e":1e300}')).toEqual({
      a: 9007199254740991,
      b: Number("12345678901234567.5"),
      c: "7495000000000000001",
      e: 1e300,
    });
    // Digits after a colon inside a string only take the slower path; the result is the same.
    expect(value('{"s":"x:7495000000000000001","n":1}')).toEqual({ s: "x:7495000000000000001", n: 1 });
  });

  it("reads a view into a larger buffer without its neighbours", () => {
    const whole = Buffer.from('xx{"a":1}yy');
    expect(value(whole.subarray(2, 9))).toEqual({ a: 1 });
  });

  it("reports invalid JSON instead of throwing", () => {
    expect(parseJsonBody("{")).toMatchObject({ ok: false });
  });
});
