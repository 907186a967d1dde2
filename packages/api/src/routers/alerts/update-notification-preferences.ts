import { notificationPreferencesSchema } from "@syncstore/domain";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { updatePreferences } from "../../services/alerts/preferences";
import { notificationPreferencesOutput } from "./get-notification-preferences";

/** Saves the member's own choices (every member may: they only change what reaches them). */
export const updateNotificationPreferences = permissionProcedure("alert:read")
  .input(notificationPreferencesSchema.strict())
  .output(notificationPreferencesOutput)
  .mutation(({ ctx, input }) => updatePreferences(scopeOf(ctx), input));
