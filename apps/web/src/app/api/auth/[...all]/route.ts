import { toNextJsHandler } from "better-auth/next-js";
import { getServerAuth } from "@/lib/server/auth";

export const dynamic = "force-dynamic";

export const { GET, POST, PATCH, PUT, DELETE } = toNextJsHandler(async (request) =>
  (await getServerAuth()).handler(request),
);
