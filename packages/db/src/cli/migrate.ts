import { getConfig } from "@syncstore/config";
import { migrateDatabase } from "../migrate";

const started = performance.now();
const { applied } = await migrateDatabase(getConfig().DATABASE_URL);
console.log(
  applied.length
    ? `Applied ${applied.length} migration(s): ${applied.join(", ")} (${Math.round(performance.now() - started)} ms)`
    : "Database schema is up to date.",
);
