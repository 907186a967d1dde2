import { defineConfig } from "vitest/config";

// Unit tests only (no database): the delivery through the gateway's adapter is tested in apps/gateway.
export default defineConfig({ test: { include: ["src/**/*.test.ts"] } });
