import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../testing/harness";
import { appRouter } from "../routers";
import { createContext } from "./context";

let h: ApiHarness;
beforeAll(async () => {
  h = await createApiHarness();
}, 60_000);
afterAll(() => h?.close());

/** Goes through the real HTTP adapter, as the web app's route handler does. */
async function post(path: string, body: unknown, cookie: string, requestId: string) {
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(`http://localhost/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, "x-request-id": requestId },
      body: JSON.stringify({ json: body }),
    }),
    router: appRouter,
    createContext: ({ req }) => createContext({ headers: req.headers, deps: h.deps }),
  });
  return { status: response.status, text: await response.text() };
}

describe("error responses", () => {
  it("returns zod issues by field for forms", async () => {
    const owner = await h.signUp("Zed");
    const { status, text } = await post("team.invite", { email: "nope", role: "boss" }, owner.cookie, "req-zod");
    expect(status).toBe(400);
    const body = JSON.parse(text) as {
      error: {
        json: { message: string; data: { requestId: string; zodError: { fieldErrors: Record<string, string[]> } } };
      };
    };
    expect(body.error.json.message).toBe("Some fields are invalid");
    expect(body.error.json.data.requestId).toBe("req-zod");
    expect(body.error.json.data.zodError.fieldErrors.email).toEqual(["Enter a valid email address"]);
    expect(body.error.json.data.zodError.fieldErrors.role?.[0]).toMatch(/owner, admin, editor, viewer/);
  });

  it("hides unexpected errors behind a generic message with the request id, and no stack", async () => {
    const owner = await h.signUp("Una");
    // Break the database under the API: every query now fails unexpectedly.
    await h.query(`alter table "member" rename to "member_gone"`);
    try {
      const { status, text } = await post(
        "team.invite",
        { email: "x@example.test", role: "viewer" },
        owner.cookie,
        "req-500",
      );
      expect(status).toBe(500);
      expect(text).toContain("Something went wrong on our side and nothing was changed. Try again in a moment");
      // The request id rides in the error's data, for the "details" disclosure, not in the message.
      expect(text).toContain('"requestId":"req-500"');
      expect(text).not.toMatch(/stack|member_gone|relation|at .*\.ts/);
    } finally {
      await h.query(`alter table "member_gone" rename to "member"`);
    }
  });
});
