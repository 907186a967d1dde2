import { vitestConfig } from "@syncstore/db/testing";
import { defineConfig } from "vitest/config";

export default defineConfig(vitestConfig());
