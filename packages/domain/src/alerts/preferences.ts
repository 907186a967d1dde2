import { z } from "zod";
import { alertGroups } from "./kinds";

/**
 * Settings → Notifications, per member and organization: which groups of alerts reach them by
 * email, whether critical ones are sent at once, and whether they get the daily digest.
 */
export const notificationPreferencesSchema = z.object({
  emailCritical: z.boolean(),
  dailyDigest: z.boolean(),
  emailGroups: z.array(z.enum(alertGroups)).max(alertGroups.length),
});
export type NotificationPreferencesInput = z.infer<typeof notificationPreferencesSchema>;

/** A low-stock threshold: available at or below it raises one alert per crossing. */
export const lowStockThresholdSchema = z
  .number({ error: "Enter a whole number of units" })
  .int("Enter a whole number of units")
  .min(0, "At least 0 units")
  .max(1_000_000, "At most 1,000,000 units");

/** Settings → Inventory: the organization's low-stock default and returns handling. */
export const inventorySettingsSchema = z.object({
  lowStockThreshold: lowStockThresholdSchema,
  autoRestockReturns: z.boolean(),
});
export type InventorySettingsInput = z.infer<typeof inventorySettingsSchema>;
