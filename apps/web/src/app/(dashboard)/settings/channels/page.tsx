import type { Metadata } from "next";
import { ChannelDefaultsSettings } from "@/modules/settings/components/channel-defaults-settings";

export const metadata: Metadata = { title: "Channels" };

export default function ChannelSettingsPage() {
  return <ChannelDefaultsSettings />;
}
