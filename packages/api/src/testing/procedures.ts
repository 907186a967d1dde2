import type { ProcedureMeta } from "../core/trpc";
import { appRouter } from "../routers";

type ProcedureDef = { meta?: ProcedureMeta; type: "query" | "mutation" | "subscription" };

/** Every procedure of the app router by dotted path (tRPC keeps a flat map of them). */
export function listProcedures(): { path: string; def: ProcedureDef }[] {
  const flat = appRouter._def.procedures as unknown as Record<string, { _def: ProcedureDef }>;
  return Object.entries(flat).map(([path, procedure]) => ({ path, def: procedure._def }));
}
