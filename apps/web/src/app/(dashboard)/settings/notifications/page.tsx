import type { Metadata } from "next";
import { NotificationSettings } from "@/modules/alerts/components/notification-settings-form";
import { SettingsSection } from "@/modules/settings/components/settings-section";

export const metadata: Metadata = { title: "Notifications" };

export default function NotificationSettingsPage() {
  return (
    <SettingsSection slug="notifications">
      <NotificationSettings />
    </SettingsSection>
  );
}
