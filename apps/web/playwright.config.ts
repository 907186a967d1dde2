import { defineConfig, devices } from "@playwright/test";
import { e2eEnvironment } from "./e2e/support/environment";

const env = await e2eEnvironment();
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// `npm test` builds through turbo first; a direct `playwright test` builds here.
const build = process.env.E2E_SKIP_BUILD === "1" ? "" : "pnpm exec next build && ";

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL: env.webUrl,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: chromium,
          args: [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
          ],
        },
      },
    },
  ],
  // Started one after the other, in this order: the first creates and migrates the database.
  webServer: [
    {
      // A real SMTP server: the worker mails scheduled reports and invitations to it.
      name: "smtp",
      command: "pnpm --filter @syncstore/services exec tsx src/testing/smtp-sink.ts",
      url: env.smtp.healthUrl,
      env: env.smtp.env,
      timeout: 60_000,
      reuseExistingServer: false,
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
    {
      // The marketplaces: channel connections go through its authorize pages and APIs.
      name: "marketplace-sim",
      command: "pnpm --filter @syncstore/marketplace-sim start",
      url: `${env.simUrl}/healthz`,
      env: env.simEnv,
      timeout: 60_000,
      reuseExistingServer: false,
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
    {
      name: "web",
      command: `pnpm exec tsx e2e/support/prepare-database.ts && ${build}NODE_ENV=production node server.ts`,
      url: `${env.webUrl}/sign-in`,
      env: env.serverEnv,
      timeout: 300_000,
      reuseExistingServer: false,
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
    {
      name: "gateway",
      command: "pnpm --filter @syncstore/gateway start",
      url: `${env.gatewayUrl}/readyz`,
      env: env.serverEnv,
      timeout: 60_000,
      reuseExistingServer: false,
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
    {
      name: "worker",
      command: "pnpm --filter @syncstore/worker start",
      // Readiness is the worker's own log line, so it must log at info level.
      wait: { stdout: /worker started/ },
      env: { ...env.serverEnv, LOG_LEVEL: "info" },
      timeout: 60_000,
      reuseExistingServer: false,
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
  ],
});
