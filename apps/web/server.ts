import { createServer } from "node:http";
import next from "next";
import { pinClientAddress } from "./src/lib/forwarded.ts";

/**
 * The web app's HTTP server: Next.js behind a plain Node server so that (1) the client address
 * comes from the socket, or from exactly TRUST_PROXY proxy hops, before anything reads
 * `x-forwarded-for` (Next only sets it when absent, so a client could choose it), and (2) slow
 * clients cannot hold connections open: headers within 15 s, a whole request within 60 s.
 */
const dev = process.argv.includes("--dev");
const port = Number(process.env.WEB_PORT ?? process.env.PORT ?? 3000);
const hostname = process.env.WEB_HOST ?? "0.0.0.0";
const trust = process.env.TRUST_PROXY ?? "false";
const trustedHops = trust === "true" ? 1 : /^\d+$/.test(trust) ? Number(trust) : 0;

const app = next({ dev, dir: import.meta.dirname, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((request, response) => {
  pinClientAddress(request.headers, request.socket.remoteAddress, trustedHops);
  void handle(request, response);
});
server.headersTimeout = 15_000;
server.requestTimeout = 60_000;
server.keepAliveTimeout = 5_000;

const stop = () => server.close(() => process.exit(0));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
server.listen(port, hostname, () => {
  process.stdout.write(`web listening on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}\n`);
});
