import { router } from "../../core/trpc";
import { acknowledgeAlerts } from "./acknowledge-alerts";
import { countUnread } from "./count-unread";
import { getAlertFacets } from "./get-alert-facets";
import { getNotificationPreferences } from "./get-notification-preferences";
import { listAlerts } from "./list-alerts";
import { listVariantThresholds } from "./list-variant-thresholds";
import { markRead } from "./mark-read";
import { resolveAlerts } from "./resolve-alerts";
import { setVariantThreshold } from "./set-variant-threshold";
import { updateNotificationPreferences } from "./update-notification-preferences";

export const alertsRouter = router({
  list: listAlerts,
  unreadCount: countUnread,
  facets: getAlertFacets,
  acknowledge: acknowledgeAlerts,
  resolve: resolveAlerts,
  markRead,
  preferences: getNotificationPreferences,
  updatePreferences: updateNotificationPreferences,
  variantThresholds: listVariantThresholds,
  setVariantThreshold,
});
