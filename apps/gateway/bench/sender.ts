/**
 * bench:webhooks' load generator: `connections` keep-alive HTTP/1.1 connections on loopback, each
 * sending one prepared request at a time (the next as soon as the answer to the last has been read)
 * for `durationMs`.
 *
 * Why not autocannon (which bench:api uses): the generator shares the two cores with the gateway
 * and PostgreSQL, and what it spends is taken from them. autocannon builds every request anew from
 * `setupRequest` (a new body and signature each time, so no request can be reused), and cost 37-40
 * µs of CPU per event in the signed runs, about half of what the gateway itself spent. Here each
 * request is prepared as one buffer before the clock starts and written with one call; an answer is
 * read by finding the end of its header block and skipping `Content-Length` bytes of body. A
 * marketplace's senders run on its own machines: the less the bench's stand-in for them takes, the
 * closer the figures are to what the gateway and the database can do.
 */
import { connect, type Socket } from "node:net";
import { performance } from "node:perf_hooks";
import { percentile } from "@syncstore/postgres/report";

/** A request ready to write: its bytes, and what to report of it. */
export interface PreparedRequest {
  bytes: Buffer;
  /** The event key, reported back with a 2xx answer. */
  key: string;
  platform: "shopee" | "tiktok";
}

export interface SendResult {
  /** 2xx answers read before the deadline. */
  ok: number;
  /** Other answers read before the deadline. */
  non2xx: number;
  /** Connections that failed (reset, refused, an answer that could not be read). */
  errors: number;
  /** Latency of the answers read before the deadline, in milliseconds. */
  latency: { p50: number; p99: number; max: number };
  /** Keys answered 2xx, per platform, including answers read after the deadline (requests then in flight). */
  acknowledged: { shopee: string[]; tiktok: string[] };
}

/** Builds a request's bytes (headers and body in one buffer). */
export function httpRequest(path: string, port: number, headers: Record<string, string>, body: string): Buffer {
  const bodyBytes = Buffer.from(body, "utf8");
  const head =
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
    Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join("") +
    `Content-Length: ${bodyBytes.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, "latin1"), bodyBytes]);
}

const HEADER_END = Buffer.from("\r\n\r\n", "latin1");
const CONTENT_LENGTH = /\r\ncontent-length:\s*(\d+)/i;

/**
 * Sends requests from `next` (undefined: this connection stops) on `connections` connections for
 * `durationMs`, then waits for the answers still in flight (at most `drainMs`).
 */
export async function send(options: {
  port: number;
  connections: number;
  durationMs: number;
  next: (connection: number) => PreparedRequest | undefined;
  drainMs?: number;
}): Promise<SendResult> {
  const { port, connections, durationMs, next } = options;
  const acknowledged: SendResult["acknowledged"] = { shopee: [], tiktok: [] };
  const latencies: number[] = [];
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + durationMs;

  const run = (index: number) =>
    new Promise<void>((resolve) => {
      const socket: Socket = connect({ port, host: "127.0.0.1", noDelay: true });
      let current: PreparedRequest | undefined;
      let sentAt = 0;
      let buffered: Buffer = Buffer.alloc(0);
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        socket.destroy();
        resolve();
      };
      const sendNext = () => {
        if (performance.now() >= deadline) return finish();
        current = next(index);
        if (!current) return finish();
        sentAt = performance.now();
        socket.write(current.bytes);
      };
      socket.on("connect", sendNext);
      socket.on("data", (chunk: Buffer) => {
        buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
        // One request at a time: at most one answer is in the buffer.
        const end = buffered.indexOf(HEADER_END);
        if (end === -1 || !current) return;
        const head = buffered.toString("latin1", 0, end + 2);
        const length = Number(CONTENT_LENGTH.exec(head)?.[1] ?? 0);
        if (buffered.length < end + 4 + length) return;
        buffered = buffered.subarray(end + 4 + length);
        const status = Number(head.slice(9, 12));
        const now = performance.now();
        const success = status >= 200 && status < 300;
        if (success) acknowledged[current.platform].push(current.key);
        if (now <= deadline) {
          latencies.push(now - sentAt);
          if (success) ok += 1;
          else non2xx += 1;
        }
        if (/\r\nconnection:\s*close/i.test(head)) return finish();
        sendNext();
      });
      socket.on("error", () => {
        errors += 1;
        finish();
      });
      // Closed by the server without a reason given (a crash, a reset).
      socket.on("close", () => {
        if (!finished) errors += 1;
        finish();
      });
    });

  const drain = new Promise<void>((resolve) => setTimeout(resolve, durationMs + (options.drainMs ?? 10_000)).unref());
  await Promise.race([Promise.all(Array.from({ length: connections }, (_, index) => run(index))), drain]);
  const sorted = latencies.sort((a, b) => a - b);
  return {
    ok,
    non2xx,
    errors,
    latency: { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted[sorted.length - 1] ?? 0 },
    acknowledged,
  };
}
