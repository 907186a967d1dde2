import { fileURLToPath } from "node:url";
import { testTiers } from "@syncstore/vitest-config";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) } },
  test: {
    environment: "node",
    // unit: *.test.ts (sockets refused); integration: *.int.test.ts (none yet).
    projects: testTiers({ roots: ["src"] }),
  },
});
