// `npm run e2e`: the browser tests against the real local system (e2e/system.ts), one file at a time.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 900_000,
    globalSetup: ["e2e/globalSetup.ts"],
    reporters: ["verbose"],
  },
});
