import { vitestConfig } from "@syncstore/db/vitest-config";
import { defineConfig } from "vitest/config";

export default defineConfig(vitestConfig());
