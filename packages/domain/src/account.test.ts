import { describe, expect, it } from "vitest";
import { passwordSchema, signUpSchema, slugify } from "./account";

describe("passwordSchema", () => {
  it("accepts a password meeting every rule", () => {
    expect(passwordSchema.safeParse("correct-horse-1").success).toBe(true);
  });

  it("lists every missing rule in one message", () => {
    const result = passwordSchema.safeParse("short");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Password needs at least 10 characters, a digit");
  });
});

describe("signUpSchema", () => {
  it("normalises the email and reports each bad field by path", () => {
    const ok = signUpSchema.parse({ name: " Ana ", email: " Ana@Example.COM ", password: "abcdefghij1" });
    expect(ok).toEqual({ name: "Ana", email: "ana@example.com", password: "abcdefghij1" });
    const bad = signUpSchema.safeParse({ name: "", email: "nope", password: "x" });
    expect(bad.error?.issues.map((issue) => issue.path.join("."))).toEqual(["name", "email", "password"]);
  });
});

describe("slugify", () => {
  it("makes URL-safe slugs", () => {
    expect(slugify("Ana's Shop")).toBe("anas-shop");
    expect(slugify("  Crème Brûlée Co. ")).toBe("creme-brulee-co");
    expect(slugify("!!!")).toBe("store");
  });
});
