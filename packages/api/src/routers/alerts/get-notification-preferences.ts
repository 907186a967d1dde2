import { notificationPreferencesSchema, text } from "@syncstore/domain";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { getPreferences } from "../../services/alerts/preferences";

export const notificationPreferencesOutput = notificationPreferencesSchema.extend({ email: text() });

/** Settings → Notifications: the signed-in member's own choices in the active organization. */
export const getNotificationPreferences = permissionProcedure("alert:read")
  .output(notificationPreferencesOutput)
  .query(({ ctx }) => getPreferences(scopeOf(ctx)));
