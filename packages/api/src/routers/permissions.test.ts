import { allPermissions } from "@syncstore/auth/permissions";
import { describe, expect, it } from "vitest";
import { listProcedures } from "../testing/procedures";

const procedures = listProcedures().map(({ path, def }) => [path, def] as const);

describe("every procedure declares its access", () => {
  it("walks the whole router", () => {
    expect(procedures.length).toBeGreaterThan(10);
  });

  it.each(procedures)("%s", (_path, procedure) => {
    const access = procedure.meta?.access;
    expect(access, "use publicProcedure, authenticatedProcedure or permissionProcedure(...)").toBeDefined();
    expect(["public", "authenticated", ...allPermissions]).toContain(access);
  });

  it("keeps public procedures to the ones that must be anonymous", () => {
    const publicPaths = procedures.filter(([, p]) => p.meta?.access === "public").map(([path]) => path);
    expect(publicPaths).toEqual(["team.getInvitation"]);
  });
});
