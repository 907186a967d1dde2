/**
 * vitest global setup: once per `vitest run` of a package, create ONE migrated template database
 * and hand its URL to the test files, which clone it (see createTestDatabase). Migrating once and
 * cloning is far faster than migrating per file, and each file still gets a database of its own.
 *
 * The server is TEST_DATABASE_URL (`npm test` sets it to its embedded cluster). When vitest runs on
 * its own, e.g. `pnpm --filter @syncstore/api exec vitest`, we start a throwaway embedded cluster.
 */
import type { TestProject } from "vitest/node";
import { migrateDatabase } from "../migrate";
import { findFreePort, startEmbeddedPostgres, type RunningPostgres } from "@syncstore/postgres/embedded-postgres";
import { admin, databaseUrl } from "./admin";
import "./provided-context";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let cluster: RunningPostgres | undefined;
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    cluster = await startEmbeddedPostgres({
      name: `vitest-${process.pid}`,
      port: await findFreePort(),
      portVariable: "TEST_DATABASE_URL",
      fresh: true,
      ephemeral: true,
    });
    serverUrl = cluster.url;
  }

  const template = `syncstore_template_${process.pid}`;
  const templateUrl = databaseUrl(serverUrl, template);
  await admin(serverUrl, async (client) => {
    await client.query(`drop database if exists ${client.escapeIdentifier(template)} with (force)`);
    await client.query(`create database ${client.escapeIdentifier(template)}`);
  });
  await migrateDatabase(templateUrl);
  await admin(serverUrl, async (client) => {
    // CREATE DATABASE ... TEMPLATE fails while anyone is connected to the template, so close any
    // connection the migration left behind and refuse new ones.
    await client.query(`alter database ${client.escapeIdentifier(template)} with allow_connections false`);
    await client.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1", [template]);
  });
  project.provide("syncstoreTemplateDatabaseUrl", templateUrl);

  return async () => {
    await admin(serverUrl, (client) =>
      client.query(`drop database if exists ${client.escapeIdentifier(template)} with (force)`),
    );
    if (cluster) {
      await cluster.stop();
      const { rm } = await import("node:fs/promises");
      await rm(cluster.dataDir, { recursive: true, force: true });
      await rm(cluster.logFile, { force: true });
    }
  };
}
