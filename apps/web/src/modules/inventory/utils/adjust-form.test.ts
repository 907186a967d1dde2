import { describe, expect, it } from "vitest";
import { adjustProblem, resultingOnHand } from "./adjust-form";

describe("adjust form", () => {
  it.each([
    [{ mode: "set", quantity: 7 }, 10, 7],
    [{ mode: "add", quantity: 5 }, 10, 15],
    [{ mode: "remove", quantity: 4 }, 10, 6],
  ] as const)("%o from %i gives %i", (values, onHand, expected) => {
    expect(resultingOnHand(values, onHand)).toBe(expected);
  });

  it.each([
    [{ mode: "remove", quantity: 11 }, 10, 0, "At most 10 can be removed"],
    [{ mode: "set", quantity: 2 }, 10, 3, "On hand cannot go below the 3 unit(s) held by open orders and promotions"],
    [{ mode: "add", quantity: 0 }, 10, 0, "Enter a quantity above 0"],
    [{ mode: "set", quantity: 0 }, 10, 0, null],
  ] as const)("%o from %i holding %i: %s", (values, onHand, held, problem) => {
    expect(adjustProblem({ ...values, reason: "manual", note: "" }, onHand, held)).toBe(problem);
  });
});
