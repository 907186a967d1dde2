"use client";

import { ErrorState } from "@/components/common/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { trpc } from "@/lib/trpc/react";
import { useCan, useMe } from "@/lib/use-me";
import { DangerZone } from "./danger-zone";
import { ExchangeRatesCard } from "./exchange-rates-card";
import { OrganizationGeneralForm } from "./organization-general-form";
import { SettingsSection } from "./settings-section";

export function OrganizationSettings() {
  return (
    <SettingsSection slug="organization">
      <OrganizationSettingsContent />
    </SettingsSection>
  );
}

function OrganizationSettingsContent() {
  const me = useMe();
  const canUpdate = useCan("organization:update");
  const canWriteSettings = useCan("settings:write");
  const isOwner = useCan("organization:delete");
  const settings = trpc.settings.organization.useQuery();

  if (settings.isError)
    return (
      <ErrorState
        title="Could not load the organization's settings"
        error={settings.error}
        onRetry={() => void settings.refetch()}
      />
    );
  if (!settings.data)
    return (
      <div className="grid gap-4" aria-hidden>
        <Skeleton className="h-64 w-full" />
        <Skeleton className="h-48 w-full" />
      </div>
    );
  const data = settings.data;
  return (
    <div className="grid gap-6">
      <OrganizationGeneralForm
        key={`${data.id}:${data.name}:${data.currency}:${data.timeZone}:${data.marginThresholdPercent ?? ""}`}
        canEdit={canUpdate}
        initial={{
          name: data.name,
          currency: data.currency,
          timeZone: data.timeZone,
          marginThresholdPercent: data.marginThresholdPercent,
        }}
      />
      <ExchangeRatesCard settings={data} canEdit={canWriteSettings} />
      {isOwner && me.data ? <DangerZone organizationName={data.name} currentUserId={me.data.user.id} /> : null}
    </div>
  );
}
