import { defineConfig, devices } from "@playwright/test";

// People's journeys (e2e/journeys) against a product of their own, started the way a person
// starts it (`npm start` on an empty data directory: embedded PostgreSQL, demo data, the demo's
// model servers and traffic), on ports and a data directory apart from the e2e suite's. Nothing is
// seeded or injected by the tests: every step is a click, and what moves the rollouts is the
// demo's own traffic. One worker: the journeys share the demo system, one rollout at a time.
import {
  JOURNEYS_BASE_URL as BASE_URL,
  JOURNEYS_PG_PORT,
  JOURNEYS_PORT as PORT,
  JOURNEYS_PORT_OFFSET,
  journeysDataDir,
} from "./e2e/env";

export default defineConfig({
  testDir: "e2e/journeys",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 300_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  outputDir: "test-results/journeys",
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
    },
  },
  projects: [{ name: "journeys", use: { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 } } }],
  webServer: {
    command: "npx tsx lib/tooling/start.ts",
    url: `${BASE_URL}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      SWITCHYARD_DATA_DIR: journeysDataDir(),
      SWITCHYARD_PORT_OFFSET: String(JOURNEYS_PORT_OFFSET),
      SWITCHYARD_PG_PORT: String(JOURNEYS_PG_PORT),
      NEXTAUTH_URL: BASE_URL,
      DATABASE_URL: "",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
