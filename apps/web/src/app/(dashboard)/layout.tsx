import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { getServerMe } from "@/lib/server/me";
import { getPublicConfig } from "@/lib/server/public-config";
import { getServerSession } from "@/lib/server/session";
import { DashboardShell } from "@/modules/shell/components/dashboard-shell";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  // The proxy only checks that a session cookie exists; this checks that the session is valid.
  const session = await getServerSession();
  if (!session) redirect("/sign-in");
  const { gatewayUrl } = getPublicConfig();
  const me = await getServerMe();
  return (
    <DashboardShell gatewayUrl={gatewayUrl} initialMe={me}>
      {children}
    </DashboardShell>
  );
}
