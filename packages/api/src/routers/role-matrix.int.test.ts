import { can, roleNames, type Permission } from "@syncstore/auth/permissions";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../testing/harness";
import { listProcedures } from "../testing/procedures";

const guarded = listProcedures().flatMap(({ path, def }) => {
  const access = def.meta?.access;
  return access && access !== "public" && access !== "authenticated"
    ? [{ path, permission: access as Permission }]
    : [];
});

let h: ApiHarness;
const callers = new Map<string, Awaited<ReturnType<ApiHarness["callerFor"]>>>();

beforeAll(async () => {
  h = await createApiHarness();
  const owner = await h.signUp("Owner");
  callers.set("owner", owner.caller);
  for (const role of roleNames.filter((r) => r !== "owner")) {
    // Each colleague signs up (getting an organization of their own), joins the owner's
    // organization with the role, and makes it active.
    const colleague = await h.signUp(`As ${role}`);
    await h.addMember(owner.organizationId, colleague.me.user.id, role);
    await colleague.caller.organization.setActive({ organizationId: owner.organizationId });
    callers.set(role, await h.callerFor(colleague.cookie));
  }
}, 60_000);

afterAll(() => h?.close());

/** Calls a procedure by path with an input that fails validation (permission is checked before input). */
async function call(role: string, path: string): Promise<TRPCError | null> {
  // Nested routers (catalog.views.save): walk the dotted path down to the procedure.
  const procedure = path
    .split(".")
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], callers.get(role)) as (
    input: unknown,
  ) => Promise<unknown>;
  try {
    // Junk that every input schema refuses; procedures without input (reads) simply run.
    await procedure({
      __matrix: true,
      memberId: "",
      invitationId: "not-a-uuid",
      email: "",
      role: "nobody",
      id: "not-a-uuid",
      changes: [],
      startRow: -1,
    });
    return null;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
}

describe("role matrix", () => {
  it("covers every guarded procedure", () => {
    expect(guarded.length).toBeGreaterThanOrEqual(9);
  });

  for (const { path, permission } of guarded) {
    for (const role of roleNames) {
      const allowed = can(role, permission);
      it(`${role} ${allowed ? "may" : "may not"} call ${path} (${permission})`, async () => {
        const error = await call(role, path);
        if (allowed) expect(error?.code).not.toBe("FORBIDDEN");
        else expect(error?.code).toBe("FORBIDDEN");
      });
    }
  }
});
