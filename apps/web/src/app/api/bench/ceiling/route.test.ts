import { afterEach, describe, expect, it, vi } from "vitest";

async function load(bench: string | undefined) {
  vi.resetModules();
  if (bench === undefined) vi.stubEnv("SYNCSTORE_BENCH", undefined);
  else vi.stubEnv("SYNCSTORE_BENCH", bench);
  return import("./route");
}

const put = (body: string, type = "application/json") =>
  new Request("http://localhost/api/bench/ceiling", { method: "PUT", body, headers: { "content-type": type } });

describe("the benchmark ceiling route", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("answers 404 to GET and PUT when the server was not started with SYNCSTORE_BENCH=1", async () => {
    for (const value of [undefined, "", "0", "true"]) {
      const route = await load(value);
      expect(route.GET().status).toBe(404);
      expect((await route.PUT(put('{"x":1}'))).status).toBe(404);
      expect(route.GET().status).toBe(404);
    }
  });

  it("serves the JSON it was given when started with SYNCSTORE_BENCH=1", async () => {
    const route = await load("1");
    expect((await route.PUT(put('{"rows":[1,2,3]}'))).status).toBe(204);
    const response = route.GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.text()).toBe('{"rows":[1,2,3]}');
  });

  it("serves an HTML page as HTML, anything else as JSON", async () => {
    const route = await load("1");
    await route.PUT(put("<h1>Static</h1>", "text/html; charset=utf-8"));
    expect(route.GET().headers.get("content-type")).toBe("text/html; charset=utf-8");
    await route.PUT(put("<script>alert(1)</script>", "text/javascript"));
    expect(route.GET().headers.get("content-type")).toBe("application/json");
  });

  it("refuses a body over 1 MB", async () => {
    const route = await load("1");
    expect((await route.PUT(put("x".repeat(1024 * 1024 + 1)))).status).toBe(413);
  });
});
