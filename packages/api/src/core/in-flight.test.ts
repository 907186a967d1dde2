import { describe, expect, it } from "vitest";
import { InFlight, inFlightFor } from "./in-flight";

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("InFlight", () => {
  it("gives concurrent calls with one key the same load", async () => {
    const inFlight = new InFlight<string>();
    const pending = deferred<string>();
    let loads = 0;
    const load = () => {
      loads++;
      return pending.promise;
    };
    const calls = [inFlight.run("k", load), inFlight.run("k", load), inFlight.run("k", load)];
    pending.resolve("v");
    expect(await Promise.all(calls)).toEqual(["v", "v", "v"]);
    expect(loads).toBe(1);
  });

  it("loads each key on its own", async () => {
    const inFlight = new InFlight<string>();
    const calls = [inFlight.run("a", async () => "A"), inFlight.run("b", async () => "B")];
    expect(await Promise.all(calls)).toEqual(["A", "B"]);
  });

  it("loads again once the previous load has answered: nothing is cached", async () => {
    const inFlight = new InFlight<number>();
    let loads = 0;
    const load = async () => ++loads;
    expect(await inFlight.run("k", load)).toBe(1);
    expect(await inFlight.run("k", load)).toBe(2);
    expect(inFlight.size).toBe(0);
  });

  it("hands a failure to every caller of that load, and the next call loads again", async () => {
    const inFlight = new InFlight<string>();
    const pending = deferred<string>();
    const calls = [inFlight.run("k", () => pending.promise), inFlight.run("k", () => pending.promise)];
    pending.reject(new Error("connection lost"));
    for (const call of calls) await expect(call).rejects.toThrow("connection lost");
    expect(await inFlight.run("k", async () => "fresh")).toBe("fresh");
  });

  it("keeps one table per owner", () => {
    const table = new WeakMap<object, InFlight<string>>();
    const one = {};
    expect(inFlightFor(table, one)).toBe(inFlightFor(table, one));
    expect(inFlightFor(table, {})).not.toBe(inFlightFor(table, one));
  });
});
