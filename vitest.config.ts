import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));
// Tests import workspace packages from source, so `vitest` needs no build for unit and simulation tiers.
const sourceAlias = [
  { find: /^@tskube\/([a-z-]+)$/, replacement: `${root}packages/$1/src/index.ts` },
  { find: /^@tskube\/api\/client$/, replacement: `${root}packages/api/src/client/index.ts` },
];

// Test tiers (DESIGN §6): unit and simulation tests run everywhere; integration tests start real
// processes on loopback from the built dist/ (so `npm test` builds first).
export default defineConfig({
  resolve: { alias: sourceAlias },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["packages/*/test/**/*.test.ts"],
          exclude: ["packages/*/test/**/*.sim.test.ts", "packages/*/test/**/*.int.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "sim",
          include: ["packages/*/test/**/*.sim.test.ts"],
          testTimeout: 15 * 60_000,
        },
      },
      {
        extends: true,
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
