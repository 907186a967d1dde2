import net from "node:net";
import { describe, expect, it } from "vitest";
import { UnitTierIoError } from "./no-io";

// This file is itself in the unit tier, so the guard is installed (vitest.config.ts).
describe("unit tier guard", () => {
  it("refuses a TCP connection (PostgreSQL, HTTP) with what to do", () => {
    expect(() => net.connect({ host: "127.0.0.1", port: 5432 })).toThrow(UnitTierIoError);
    expect(() => net.connect(5432, "127.0.0.1")).toThrow(/Name the file \*\.int\.test\.ts/);
  });

  it("refuses a fetch (it opens a socket underneath)", async () => {
    await expect(fetch("http://127.0.0.1:9/")).rejects.toThrow();
  });

  it("refuses to listen on a port", () => {
    const server = net.createServer();
    expect(() => server.listen(0)).toThrow("Listening on");
  });
});
