import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { admin, databaseUrl } from "./admin";
import "./provided-context";

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file, cloned from this run's template. Call it in
 * `beforeAll` and `drop()` in `afterAll`; files then run in parallel without seeing each other.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const templateUrl = inject("syncstoreTemplateDatabaseUrl");
  if (!templateUrl) {
    throw new Error(
      "No template database: this package's vitest.config.ts must use vitestConfig() from @syncstore/db/testing.",
    );
  }
  const template = new URL(templateUrl).pathname.slice(1);
  const serverUrl = databaseUrl(templateUrl, "postgres");
  const name = `syncstore_test_${randomBytes(6).toString("hex")}`;
  await admin(serverUrl, async (client) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(
          `create database ${client.escapeIdentifier(name)} template ${client.escapeIdentifier(template)}`,
        );
        return;
      } catch (error) {
        // 55006: the template is briefly in use (another clone being created on an older server).
        if ((error as { code?: string }).code !== "55006" || attempt === 10) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  });
  return {
    name,
    url: databaseUrl(templateUrl, name),
    drop: () =>
      admin(serverUrl, async (client) => {
        await client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`);
      }),
  };
}
