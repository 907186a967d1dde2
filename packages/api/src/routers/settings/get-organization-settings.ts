import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { getOrganizationSettings as get } from "../../services/settings/organization-settings";

/** Name, currency, time zone, margin threshold, exchange rates and the shop currencies waiting on them. */
export const getOrganizationSettings = permissionProcedure("settings:read").query(({ ctx }) => get(scopeOf(ctx)));
