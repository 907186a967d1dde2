import type { Metadata } from "next";
import { ShopStockRulesSettings } from "@/modules/inventory/components/shop-stock-rules-settings";
import { ChannelDefaultsSettings } from "@/modules/settings/components/channel-defaults-settings";

export const metadata: Metadata = { title: "Channels" };

export default function ChannelSettingsPage() {
  return (
    <div className="grid gap-6">
      <ChannelDefaultsSettings />
      <ShopStockRulesSettings />
    </div>
  );
}
