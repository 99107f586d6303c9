import { defineConfig, devices } from "@playwright/test";

// End-to-end tests drive the real product in Chromium: `npm start` on its own ports and data
// directory (.data/e2e, embedded PostgreSQL, demo router and model servers), one worker.
import { E2E_BASE_URL as BASE_URL, E2E_PG_PORT, E2E_PORT as PORT, E2E_PORT_OFFSET } from "./e2e/env";

const ROLES = ["admin", "release_manager", "approver", "viewer", "auditor"] as const;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 } },
      dependencies: ["setup"],
      // The journeys run against a fresh product of their own: playwright.journeys.config.ts.
      testIgnore: [/auth\.setup\.ts/, /journeys\//],
    },
  ],
  webServer: {
    command: "npx tsx lib/tooling/start.ts",
    url: `${BASE_URL}/api/health`,
    timeout: 240_000,
    reuseExistingServer: !process.env.CI,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      SWITCHYARD_DATA_DIR: process.env.E2E_DATA_DIR ?? ".data/e2e",
      SWITCHYARD_PORT_OFFSET: String(E2E_PORT_OFFSET),
      SWITCHYARD_PG_PORT: String(E2E_PG_PORT),
      NEXTAUTH_URL: BASE_URL,
      DATABASE_URL: "",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
  metadata: { roles: ROLES.join(",") },
});
