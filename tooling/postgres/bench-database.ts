import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import pg from "pg";
import { findFreePort, startEmbeddedPostgres } from "./embedded-postgres";
import { print } from "./report";

export interface BenchDatabase {
  url: string;
  /** Where the figures were measured, for the report header. */
  where: string;
  drop(): Promise<void>;
}

/**
 * A fresh database for one benchmark run: a new database on `BENCH_DATABASE_URL` /
 * `DATABASE_URL` when set, otherwise a throwaway embedded PostgreSQL (fsync off unless `durable`,
 * for benchmarks whose figure is the commit itself). `drop()` removes it either way.
 */
export async function benchDatabase(name: string, options: { durable?: boolean } = {}): Promise<BenchDatabase> {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (serverUrl) {
    const database = `syncstore_bench_${name}_${randomBytes(4).toString("hex")}`;
    const admin = async (sql: string) => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(sql).finally(() => client.end());
    };
    await admin(`create database ${database}`);
    const url = new URL(serverUrl);
    url.pathname = `/${database}`;
    return {
      url: url.toString(),
      where: `database ${database} on ${url.host}`,
      drop: () => admin(`drop database if exists ${database} with (force)`),
    };
  }
  const fsync = options.durable ? "durable: fsync on" : "fsync off";
  print(`No DATABASE_URL: starting a throwaway embedded PostgreSQL (${fsync})...`);
  const embedded = await startEmbeddedPostgres({
    name: `bench-${name}-pg`,
    port: await findFreePort(),
    portVariable: "BENCH_DATABASE_URL",
    database: "bench",
    fresh: true,
    ephemeral: !options.durable,
  });
  return {
    url: embedded.url,
    where: `embedded PostgreSQL (${fsync})`,
    drop: async () => {
      await embedded.stop();
      await rm(embedded.dataDir, { recursive: true, force: true });
      await rm(embedded.logFile, { force: true });
    },
  };
}
