import { router } from "../../core/trpc";
import { deleteExchangeRate } from "./delete-exchange-rate";
import { deleteOrganization } from "./delete-organization";
import { getInventorySettings } from "./get-inventory-settings";
import { getOrganizationSettings } from "./get-organization-settings";
import { listChannelDefaults } from "./list-channel-defaults";
import { saveExchangeRate } from "./save-exchange-rate";
import { setChannelDefault } from "./set-channel-default";
import { transferOwnership } from "./transfer-ownership";
import { updateInventorySettings } from "./update-inventory-settings";
import { updateOrganization } from "./update-organization";

export const settingsRouter = router({
  organization: getOrganizationSettings,
  updateOrganization,
  saveExchangeRate,
  deleteExchangeRate,
  channelDefaults: listChannelDefaults,
  setChannelDefault,
  deleteOrganization,
  transferOwnership,
  inventory: getInventorySettings,
  updateInventory: updateInventorySettings,
});
