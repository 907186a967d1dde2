import { defineConfig } from "vitest/config";
import { vitestConfig } from "./src/testing/vitest-config";

export default defineConfig(vitestConfig());
