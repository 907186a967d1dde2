import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { listChannelDefaults as list } from "../../services/settings/organization-settings";

/** Each connected shop with its currency and default price rule. */
export const listChannelDefaults = permissionProcedure("channel:read").query(({ ctx }) => list(scopeOf(ctx)));
