import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { listConnections as list } from "../../services/channels/connections";

/** Connections of the active organization with status, health and quota; never tokens. */
export const listConnections = permissionProcedure("channel:read").query(({ ctx }) => list(scopeOf(ctx)));
