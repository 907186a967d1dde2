import { defineConfig } from "vitest/config";
import { testTiers } from "./index";

export default defineConfig({ test: { projects: testTiers({ roots: ["."] }) } });
