import { describe, expect, it } from "vitest";
import { formatErrorForToast, getErrorDetails } from "./errors";

describe("getErrorDetails", () => {
  it("reads the request id, code and field errors the tRPC formatter adds", () => {
    const error = {
      message: "Invalid input",
      data: {
        code: "BAD_REQUEST",
        requestId: "req_123",
        zodError: { formErrors: [], fieldErrors: { email: ["Enter a valid email"], role: [] } },
      },
    };
    expect(getErrorDetails(error)).toEqual({
      message: "Invalid input",
      code: "BAD_REQUEST",
      requestId: "req_123",
      fieldErrors: { email: ["Enter a valid email"] },
    });
  });

  it("survives values that are not errors at all", () => {
    expect(getErrorDetails(undefined).fieldErrors).toEqual({});
    expect(getErrorDetails("boom").requestId).toBeUndefined();
    expect(getErrorDetails({ data: { zodError: { fieldErrors: { a: [1, "x"] } } } }).fieldErrors).toEqual({ a: ["x"] });
  });

  it("explains network failures instead of echoing the browser's wording", () => {
    expect(getErrorDetails(new TypeError("Failed to fetch")).message).toMatch(/could not be reached/);
  });
});

describe("formatErrorForToast", () => {
  it("keeps the request id out of the sentence (it sits behind Details)", () => {
    expect(formatErrorForToast({ message: "Something went wrong", data: { requestId: "abc" } })).toBe(
      "Something went wrong",
    );
    expect(formatErrorForToast(new Error("Nope"))).toBe("Nope");
  });
});
