export { createTestDatabase, type TestDatabase } from "./test-database";
export { vitestConfig, type VitestConfigOptions } from "./vitest-config";
