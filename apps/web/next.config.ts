import type { NextConfig } from "next";
import { staticSecurityHeaders } from "./src/lib/security-headers.ts";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  headers: async () => [{ source: "/:path*", headers: staticSecurityHeaders(process.env.NODE_ENV === "production") }],
  // Internal packages ship TypeScript source (no build step), so Next compiles them.
  transpilePackages: [
    "@syncstore/api",
    "@syncstore/auth",
    "@syncstore/config",
    "@syncstore/db",
    "@syncstore/domain",
    "@syncstore/services",
    "@syncstore/realtime",
  ],
  // Node-only server dependencies are required at run time instead of bundled: MikroORM loads
  // drivers dynamically, pg has optional native bindings, graphile-worker reads its SQL files.
  serverExternalPackages: [
    "@mikro-orm/core",
    "@mikro-orm/postgresql",
    "@mikro-orm/knex",
    "@mikro-orm/sql",
    "@mikro-orm/migrations",
    "pg",
    "pg-native",
    "graphile-worker",
    "@socket.io/postgres-emitter",
    "pino",
    "pino-pretty",
    "thread-stream",
  ],
  // A second build (the e2e run) can go elsewhere so it never pulls the files from under a
  // running `next start`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

export default nextConfig;
