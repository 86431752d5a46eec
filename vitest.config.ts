import { defineConfig } from "vitest/config";

// Test tiers (DESIGN §6): unit and simulation tests run everywhere; integration tests start real
// processes on loopback from the built dist/ (so `npm test` builds first).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["packages/*/test/**/*.test.ts"],
          exclude: ["packages/*/test/**/*.sim.test.ts", "packages/*/test/**/*.int.test.ts"],
        },
      },
      {
        test: {
          name: "sim",
          include: ["packages/*/test/**/*.sim.test.ts"],
          testTimeout: 15 * 60_000,
        },
      },
      {
        test: {
          name: "integration",
          include: ["packages/*/test/**/*.int.test.ts"],
          testTimeout: 10 * 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
