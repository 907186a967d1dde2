"use client";

import {
  conflictFieldGroupLabels,
  conflictFieldGroups,
  conflictPolicies,
  conflictPolicyLabels,
  defaultConflictPolicies,
  type ConflictFieldGroup,
  type ConflictPolicies,
  type ConflictPolicy,
} from "@syncstore/domain";
import { toast } from "sonner";
import { ErrorState } from "@/components/common/error-state";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { getErrorDetails } from "@/lib/errors";
import { trpc } from "@/lib/trpc/react";
import { useCan } from "@/modules/shell/hooks/use-me";

const INHERIT = "__inherit__";

function PolicyRow({
  id,
  group,
  value,
  inherited,
  disabled,
  onChange,
}: {
  id: string;
  group: ConflictFieldGroup;
  value: ConflictPolicy | undefined;
  inherited: string;
  disabled: boolean;
  onChange: (policy: ConflictPolicy | null) => void;
}) {
  return (
    <div className="grid gap-2 sm:grid-cols-[minmax(0,1fr)_minmax(0,16rem)] sm:items-center">
      <Label htmlFor={id}>{conflictFieldGroupLabels[group]}</Label>
      <Select
        value={value ?? INHERIT}
        disabled={disabled}
        onValueChange={(next) => onChange(next === INHERIT ? null : (next as ConflictPolicy))}
      >
        <SelectTrigger id={id} className="w-full">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={INHERIT}>{inherited}</SelectItem>
          {conflictPolicies.map((policy) => (
            <SelectItem key={policy} value={policy}>
              {conflictPolicyLabels[policy]}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </div>
  );
}

/**
 * Settings → Conflicts: what happens when only the marketplace changed a field group, for the
 * organization and, where a shop needs something else, per shop.
 */
export function ConflictPoliciesForm() {
  const canWrite = useCan("settings:write");
  const utils = trpc.useUtils();
  const settings = trpc.conflicts.policies.get.useQuery();
  const save = trpc.conflicts.policies.set.useMutation({
    onSuccess: (data) => {
      utils.conflicts.policies.get.setData(undefined, data);
      toast.success("Conflict policy saved");
    },
    onError: (error) => toast.error(getErrorDetails(error).message),
  });
  if (settings.isPending) return <Skeleton className="h-72 w-full" />;
  if (settings.isError) return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  const organization: ConflictPolicies = settings.data.organization;
  const orgEffective = (group: ConflictFieldGroup) => organization[group] ?? defaultConflictPolicies[group];

  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader>
          <CardTitle>Conflicts</CardTitle>
          <CardDescription>
            When only the marketplace changed a field group since the last sync. When master changed it too, a conflict
            always opens.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          {conflictFieldGroups.map((group) => (
            <PolicyRow
              key={group}
              id={`policy-org-${group}`}
              group={group}
              value={organization[group]}
              inherited={`Default: ${conflictPolicyLabels[defaultConflictPolicies[group]]}`}
              disabled={!canWrite || save.isPending}
              onChange={(policy) => save.mutate({ connectionId: null, policies: { [group]: policy } })}
            />
          ))}
        </CardContent>
      </Card>
      {settings.data.shops.map((shop) => (
        <Card key={shop.connectionId}>
          <CardHeader>
            <CardTitle className="text-base">{shop.name}</CardTitle>
            <CardDescription>Overrides for this shop; the rest follow the organization.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            {conflictFieldGroups.map((group) => (
              <PolicyRow
                key={group}
                id={`policy-${shop.connectionId}-${group}`}
                group={group}
                value={shop.policies[group]}
                inherited={`As the organization: ${conflictPolicyLabels[orgEffective(group)]}`}
                disabled={!canWrite || save.isPending}
                onChange={(policy) => save.mutate({ connectionId: shop.connectionId, policies: { [group]: policy } })}
              />
            ))}
          </CardContent>
        </Card>
      ))}
      {canWrite ? null : (
        <p className="text-sm text-muted-foreground">Only owners and admins can change these settings.</p>
      )}
    </div>
  );
}
