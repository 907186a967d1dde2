import { describe, expect, it } from "vitest";
import { renderApiReference } from "./api-reference";

describe("API reference", () => {
  const reference = renderApiReference();

  it("lists every procedure with its access, and none is undeclared", () => {
    expect(reference).toContain("### `catalog.listVariants`");
    expect(reference).not.toContain("undeclared");
  });

  it("is current in docs/reference/api.md (run `pnpm docs:generate` after changing a procedure)", async () => {
    await expect(reference).toMatchFileSnapshot("../../../../docs/reference/api.md");
  });
});
