import type { Metadata } from "next";
import { InventorySettings } from "@/modules/settings/components/inventory-settings-form";

export const metadata: Metadata = { title: "Inventory" };

export default function InventorySettingsPage() {
  return <InventorySettings />;
}
