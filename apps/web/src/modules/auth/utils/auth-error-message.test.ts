import { describe, expect, it } from "vitest";
import { authErrorMessage } from "./auth-error-message";

describe("authErrorMessage", () => {
  it("turns rate limiting into advice", () => {
    expect(authErrorMessage({ status: 429, message: "Too many requests" })).toMatch(/Wait a minute/);
  });

  it("explains known codes and passes server messages through", () => {
    expect(authErrorMessage({ code: "INVALID_EMAIL_OR_PASSWORD" })).toMatch(/do not match/);
    expect(authErrorMessage({ code: "WEAK_PASSWORD", message: "Password needs a digit" })).toBe(
      "Password needs a digit",
    );
    expect(authErrorMessage({})).toMatch(/Try again/);
  });
});
