import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SettingsLayout } from "@/modules/settings/components/settings-layout";

export const metadata: Metadata = { title: { template: "%s · Settings · SyncStore", default: "Settings" } };

export default function Layout({ children }: { children: ReactNode }) {
  return <SettingsLayout>{children}</SettingsLayout>;
}
