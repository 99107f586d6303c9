import { defineConfig } from "vitest/config";
import path from "node:path";

const alias = { "@": path.resolve(import.meta.dirname) };

// Unit tests (*.test.ts) are pure and fast; integration tests (*.int.test.ts) start real
// Postgres, routers and model servers, so they run one file at a time.
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "components/**/*.test.ts", "bench/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "**/*.chaos.test.ts", "node_modules/**"],
          environment: "node",
        },
      },
      {
        // Server-only modules are imported by integration tests outside Next.js.
        resolve: {
          alias: { ...alias, "server-only": path.resolve(import.meta.dirname, "lib/testing/server-only-stub.ts") },
        },
        test: {
          name: "integration",
          include: ["lib/**/*.int.test.ts"],
          globalSetup: ["lib/testing/global-setup.ts"],
          environment: "node",
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // Chaos tests kill, freeze (SIGSTOP), restart and cut off real processes (controller, standby,
        // built-in router, web, embedded PostgreSQL) mid-work and assert what survives. One file at a
        // time; each fault is bounded to tens of seconds so the whole suite stays a few minutes.
        resolve: {
          alias: { ...alias, "server-only": path.resolve(import.meta.dirname, "lib/testing/server-only-stub.ts") },
        },
        test: {
          name: "chaos",
          include: ["lib/**/*.chaos.test.ts"],
          globalSetup: ["lib/testing/global-setup.ts"],
          environment: "node",
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
