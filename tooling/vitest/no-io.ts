/**
 * Setup file of the unit tier (`*.test.ts`): a unit test does no I/O over the network, so opening
 * a socket (PostgreSQL, HTTP, SMTP, a simulator) or listening on a port fails at once with what to
 * do. Tests that need a database or a server are integration tests: name them `*.int.test.ts`.
 * vitest's own worker channel is the process's IPC pipe, which this leaves alone.
 */
import net from "node:net";

export class UnitTierIoError extends Error {
  override readonly name = "UnitTierIoError";
}

function refuse(what: string): never {
  throw new UnitTierIoError(
    `${what} in a unit test: *.test.ts files do no network I/O. Name the file *.int.test.ts (integration tier) if it needs PostgreSQL or a server.`,
  );
}

const describeTarget = (args: unknown[]): string => {
  const [first, second] = args;
  if (typeof first === "object" && first !== null) {
    const options = first as { host?: string; port?: number; path?: string };
    return options.path ?? `${options.host ?? "localhost"}:${String(options.port)}`;
  }
  if (typeof first === "number") return `${typeof second === "string" ? second : "localhost"}:${first}`;
  return String(first);
};

net.Socket.prototype.connect = function connect(this: net.Socket, ...args: unknown[]): never {
  refuse(`Connecting to ${describeTarget(args)}`);
} as typeof net.Socket.prototype.connect;

net.Server.prototype.listen = function listen(this: net.Server, ...args: unknown[]): never {
  refuse(`Listening on ${describeTarget(args)}`);
} as typeof net.Server.prototype.listen;
