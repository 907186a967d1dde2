import { getConfig } from "@syncstore/config";
import { createLogger } from "@syncstore/config/logger";
import { seedDemo } from "../seed";

const config = getConfig();
const log = createLogger({ service: "seed", level: config.LOG_LEVEL, format: config.LOG_FORMAT });
const login = await seedDemo(config.DATABASE_URL);
if (login) log.info({ email: login.email }, `Seeded demo organization; sign in as ${login.email} / ${login.password}`);
else log.info("Demo organization already exists.");
