"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import {
  alertGroupLabels,
  alertGroups,
  notificationPreferencesSchema,
  type NotificationPreferencesInput,
} from "@syncstore/domain";
import { Loader2Icon } from "lucide-react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { ErrorState } from "@/components/common/error-state";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { getErrorDetails } from "@/lib/errors";
import { trpc } from "@/lib/trpc/react";
import { toastError } from "@/lib/toast-error";

/** Settings → Notifications: the signed-in member's own email choices in this organization. */
export function NotificationSettings() {
  const preferences = trpc.alerts.preferences.useQuery();
  if (preferences.isError)
    return (
      <ErrorState
        title="Could not load your notification settings"
        error={preferences.error}
        onRetry={() => void preferences.refetch()}
      />
    );
  if (!preferences.data) return <Skeleton className="h-80 w-full" aria-hidden />;
  const { email, ...initial } = preferences.data;
  return <NotificationSettingsForm email={email} initial={initial} />;
}

function Toggle({
  id,
  label,
  description,
  ...props
}: { id: string; label: string; description: string } & React.ComponentProps<"input">) {
  return (
    <div className="flex items-start gap-3">
      <input id={id} type="checkbox" className="mt-0.5 size-4 shrink-0 accent-primary" {...props} />
      <div className="grid gap-0.5">
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
        <p className="text-xs text-muted-foreground">{description}</p>
      </div>
    </div>
  );
}

function NotificationSettingsForm({ email, initial }: { email: string; initial: NotificationPreferencesInput }) {
  const utils = trpc.useUtils();
  const form = useForm<NotificationPreferencesInput>({
    resolver: zodResolver(notificationPreferencesSchema),
    defaultValues: initial,
  });
  const save = trpc.alerts.updatePreferences.useMutation({
    onSuccess: (data) => {
      form.reset({ emailCritical: data.emailCritical, dailyDigest: data.dailyDigest, emailGroups: data.emailGroups });
      utils.alerts.preferences.setData(undefined, data);
      toast.success("Notification settings saved");
    },
    onError: (error) => {
      const message = getErrorDetails(error).fieldErrors.emailGroups?.[0];
      if (message) form.setError("emailGroups", { message });
      else toastError(error);
    },
  });
  const { errors, isDirty } = form.formState;

  return (
    <Card>
      <CardHeader>
        <CardTitle>Email</CardTitle>
        <CardDescription>
          Sent to {email || "your account's email"} when the server has email (SMTP) configured. These choices are yours
          only; every member chooses their own.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form noValidate onSubmit={form.handleSubmit((values) => save.mutate(values))} className="grid gap-6">
          <fieldset disabled={save.isPending} className="grid gap-4">
            <Toggle
              id="notify-critical"
              label="Email critical alerts at once"
              description="Out of stock, oversold orders and other critical alerts, as they happen."
              {...form.register("emailCritical")}
            />
            <Toggle
              id="notify-digest"
              label="Daily digest"
              description="One email each morning with the alerts of the last day."
              {...form.register("dailyDigest")}
            />
          </fieldset>
          <fieldset
            disabled={save.isPending}
            className="grid gap-3"
            aria-describedby={errors.emailGroups ? "notify-groups-error" : undefined}
          >
            <legend className="mb-2 text-sm font-medium">Which alerts to email</legend>
            {alertGroups.map((group) => (
              <label key={group} className="flex items-center gap-3 text-sm">
                <input
                  type="checkbox"
                  value={group}
                  className="size-4 shrink-0 accent-primary"
                  {...form.register("emailGroups")}
                />
                {alertGroupLabels[group]}
              </label>
            ))}
            {errors.emailGroups ? (
              <p id="notify-groups-error" className="text-sm text-destructive">
                {errors.emailGroups.message}
              </p>
            ) : null}
          </fieldset>
          <div className="flex justify-end">
            <Button type="submit" disabled={!isDirty || save.isPending}>
              {save.isPending ? <Loader2Icon className="animate-spin" aria-hidden /> : null}
              Save changes
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
