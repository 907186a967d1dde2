/**
 * A real SMTP server as a process, for end-to-end runs: the worker under test sends mail to it
 * (SMTP_URL), and the journey reads what arrived over HTTP (`GET /messages`, JSON). Started by
 * Playwright as one of its web servers; no TLS, no authentication, nothing kept on disk.
 *
 *   SMTP_SINK_PORT=2525 SMTP_SINK_HTTP_PORT=2580 tsx src/testing/smtp-sink.ts
 */
import { createServer } from "node:http";
import { startTestSmtpServer } from "./smtp-server";

const smtpPort = Number(process.env.SMTP_SINK_PORT ?? 0);
const httpPort = Number(process.env.SMTP_SINK_HTTP_PORT ?? 0);
const smtp = await startTestSmtpServer({ port: smtpPort });
const http = createServer((request, response) => {
  if (request.url === "/healthz") {
    response.writeHead(200, { "content-type": "text/plain" }).end("ok");
    return;
  }
  if (request.url === "/messages") {
    const messages = smtp.messages.map(({ raw: _raw, ...mail }) => mail);
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(messages));
    return;
  }
  response.writeHead(404).end();
});
http.listen(httpPort, "127.0.0.1", () => {
  process.stdout.write(`smtp sink: ${smtp.url}, messages on http://127.0.0.1:${httpPort}/messages\n`);
});
const stop = () => {
  http.close();
  void smtp.close().then(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
