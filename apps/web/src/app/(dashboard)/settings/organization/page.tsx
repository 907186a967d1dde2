import type { Metadata } from "next";
import { OrganizationSettings } from "@/modules/settings/components/organization-settings";

export const metadata: Metadata = { title: "Organization" };

export default function OrganizationSettingsPage() {
  return <OrganizationSettings />;
}
