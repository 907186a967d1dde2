"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { commonCurrencies, organizationGeneralSchema, type OrganizationGeneralInput } from "@syncstore/domain";
import { Loader2Icon } from "lucide-react";
import { useMemo } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { getErrorDetails } from "@/lib/errors";
import { trpc } from "@/lib/trpc/react";
import { toastError } from "@/lib/toast-error";

const fields = ["name", "currency", "timeZone", "marginThresholdPercent"] as const;

function timeZones(): string[] {
  return typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : ["UTC"];
}

export function OrganizationGeneralForm({ initial, canEdit }: { initial: OrganizationGeneralInput; canEdit: boolean }) {
  const utils = trpc.useUtils();
  const zones = useMemo(() => timeZones(), []);
  const form = useForm<OrganizationGeneralInput>({
    resolver: zodResolver(organizationGeneralSchema),
    defaultValues: initial,
  });
  const update = trpc.settings.updateOrganization.useMutation({
    onSuccess: async (_, values) => {
      form.reset(values);
      toast.success("Organization settings saved");
      await Promise.all([utils.settings.organization.invalidate(), utils.me.context.invalidate()]);
    },
    onError: (error) => {
      const { fieldErrors } = getErrorDetails(error);
      let placed = false;
      for (const field of fields) {
        const message = fieldErrors[field]?.[0];
        if (message) {
          form.setError(field, { message });
          placed = true;
        }
      }
      if (!placed) toastError(error);
    },
  });
  const { errors, isDirty } = form.formState;

  return (
    <Card>
      <CardHeader>
        <CardTitle>General</CardTitle>
        <CardDescription>
          {canEdit
            ? "The currency of your master prices and the time zone your days are counted in."
            : "Only owners and admins can change these settings."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form
          noValidate
          onSubmit={form.handleSubmit((values) => update.mutate(values))}
          className="grid gap-4 sm:grid-cols-2"
        >
          <fieldset disabled={!canEdit || update.isPending} className="contents">
            <Field id="org-name" label="Name" error={errors.name?.message} className="sm:col-span-2">
              <Input {...fieldControlProps("org-name", errors.name?.message)} {...form.register("name")} />
            </Field>
            <Field
              id="org-currency"
              label="Currency"
              error={errors.currency?.message}
              description="Master prices are in this currency; shops in other currencies need a rate below."
            >
              <Input
                {...fieldControlProps("org-currency", errors.currency?.message, true)}
                list="org-currency-options"
                autoComplete="off"
                className="uppercase"
                {...form.register("currency")}
              />
              <datalist id="org-currency-options">
                {commonCurrencies.map((code) => (
                  <option key={code} value={code} />
                ))}
              </datalist>
            </Field>
            <Field id="org-time-zone" label="Time zone" error={errors.timeZone?.message}>
              <Input
                {...fieldControlProps("org-time-zone", errors.timeZone?.message)}
                list="org-time-zone-options"
                autoComplete="off"
                {...form.register("timeZone")}
              />
              <datalist id="org-time-zone-options">
                {zones.map((zone) => (
                  <option key={zone} value={zone} />
                ))}
              </datalist>
            </Field>
            <Field
              id="org-margin"
              label="Margin threshold (%)"
              error={errors.marginThresholdPercent?.message}
              description="Variants whose margin falls below this are flagged. Leave empty for none."
            >
              <Input
                {...fieldControlProps("org-margin", errors.marginThresholdPercent?.message, true)}
                type="number"
                inputMode="decimal"
                step="0.01"
                {...form.register("marginThresholdPercent", {
                  setValueAs: (value: unknown) => (value === "" || value === null ? null : Number(value)),
                })}
              />
            </Field>
          </fieldset>
          {canEdit ? (
            <div className="flex justify-end sm:col-span-2">
              <Button type="submit" disabled={!isDirty || update.isPending}>
                {update.isPending ? <Loader2Icon className="animate-spin" aria-hidden /> : null}
                Save changes
              </Button>
            </div>
          ) : null}
        </form>
      </CardContent>
    </Card>
  );
}
