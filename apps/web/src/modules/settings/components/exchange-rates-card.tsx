"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import type { RouterOutputs } from "@syncstore/api";
import { exchangeRateInputSchema, type ExchangeRateInput, type RoundingRule } from "@syncstore/domain";
import { AlertTriangleIcon, Loader2Icon, Trash2Icon } from "lucide-react";
import { Controller, useForm } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getErrorDetails } from "@/lib/errors";
import { trpc } from "@/lib/trpc/react";
import { toastError } from "@/lib/toast-error";

type Settings = RouterOutputs["settings"]["organization"];

const roundingChoices: { value: string; label: string; rule: RoundingRule }[] = [
  { value: "none", label: "No rounding", rule: { kind: "none" } },
  { value: "90", label: "End in .90", rule: { kind: "ending", ending: "90" } },
  { value: "99", label: "End in .99", rule: { kind: "ending", ending: "99" } },
  { value: "1", label: "Whole units", rule: { kind: "step", units: 1 } },
  { value: "100", label: "Nearest 100", rule: { kind: "step", units: 100 } },
  { value: "1000", label: "Nearest 1,000", rule: { kind: "step", units: 1000 } },
];

function choiceOf(rule: RoundingRule): string {
  if (rule.kind === "none") return "none";
  if (rule.kind === "ending") return rule.ending;
  return String(rule.units);
}

export function ExchangeRatesCard({ settings, canEdit }: { settings: Settings; canEdit: boolean }) {
  const utils = trpc.useUtils();
  const form = useForm<ExchangeRateInput>({
    resolver: zodResolver(exchangeRateInputSchema),
    defaultValues: {
      currency: settings.shopCurrencies.find((c) => c.held > 0)?.currency ?? "",
      rate: "",
      rounding: { kind: "none" },
    },
  });
  const invalidate = () => Promise.all([utils.settings.organization.invalidate(), utils.channels.list.invalidate()]);
  const save = trpc.settings.saveExchangeRate.useMutation({
    onSuccess: async (_, values) => {
      toast.success(`${values.currency} rate saved; prices for shops in ${values.currency} are queued`);
      form.reset({ currency: "", rate: "", rounding: { kind: "none" } });
      await invalidate();
    },
    onError: (error) => {
      const { fieldErrors } = getErrorDetails(error);
      const fields = ["currency", "rate", "rounding"] as const;
      let placed = false;
      for (const field of fields)
        if (fieldErrors[field]?.[0]) {
          form.setError(field, { message: fieldErrors[field][0] });
          placed = true;
        }
      if (!placed) toastError(error);
    },
  });
  const remove = trpc.settings.deleteExchangeRate.useMutation({
    onSuccess: async (_, values) => {
      toast.success(`${values.currency} rate removed`);
      await invalidate();
    },
    onError: (error) => toastError(error),
  });
  const { errors } = form.formState;
  const rated = new Set(settings.rates.filter((r) => r.rate).map((r) => r.currency));
  const missing = settings.shopCurrencies.filter((c) => !rated.has(c.currency));

  const handleEdit = (rate: Settings["rates"][number]) =>
    form.reset({ currency: rate.currency, rate: rate.rate ?? "", rounding: rate.rounding });

  return (
    <Card id="exchange-rates" className="scroll-mt-20">
      <CardHeader>
        <CardTitle>Exchange rates and rounding</CardTitle>
        <CardDescription>
          1 {settings.currency} in each currency your shops sell in. Shop price = master price × rate, rounded, then the
          listing&apos;s own rule.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {missing.map((entry) => (
          <div
            key={entry.currency}
            role="status"
            className="flex items-start gap-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
          >
            <AlertTriangleIcon className="mt-0.5 size-4 shrink-0" aria-hidden />
            <p>
              {entry.shops.join(", ")} {entry.shops.length === 1 ? "sells" : "sell"} in {entry.currency}.{" "}
              {entry.held > 0
                ? `${entry.held} price ${entry.held === 1 ? "push is" : "pushes are"} held until you set a ${entry.currency} rate.`
                : `Set a ${entry.currency} rate before prices are sent there.`}
            </p>
          </div>
        ))}
        {settings.rates.length > 0 ? (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Currency</TableHead>
                <TableHead>Rate</TableHead>
                <TableHead>Rounding</TableHead>
                <TableHead>Set</TableHead>
                {canEdit ? <TableHead className="text-right">Actions</TableHead> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {settings.rates.map((rate) => (
                <TableRow key={rate.currency}>
                  <TableCell className="font-medium">{rate.currency}</TableCell>
                  <TableCell className="tabular-nums">
                    {rate.rate ? `1 ${settings.currency} = ${rate.rate} ${rate.currency}` : "Not set"}
                  </TableCell>
                  <TableCell>{rate.roundingText}</TableCell>
                  <TableCell className="text-muted-foreground">
                    {rate.setAt ? (
                      <time dateTime={new Date(rate.setAt).toISOString()}>
                        {new Date(rate.setAt).toISOString().slice(0, 10)}
                      </time>
                    ) : (
                      "—"
                    )}
                    {rate.setBy ? ` by ${rate.setBy}` : ""}
                  </TableCell>
                  {canEdit ? (
                    <TableCell className="text-right">
                      <Button variant="ghost" size="sm" onClick={() => handleEdit(rate)}>
                        Edit
                      </Button>
                      <Button
                        variant="ghost"
                        size="sm"
                        aria-label={`Remove the ${rate.currency} rate`}
                        onClick={() => remove.mutate({ currency: rate.currency })}
                        disabled={remove.isPending}
                      >
                        <Trash2Icon aria-hidden />
                      </Button>
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : (
          <p className="text-sm text-muted-foreground">No rates yet.</p>
        )}
        {canEdit ? (
          <form
            noValidate
            aria-label="Set an exchange rate"
            onSubmit={form.handleSubmit((values) => save.mutate({ ...values, rate: values.rate || null }))}
            className="grid gap-3 sm:grid-cols-[8rem_1fr_12rem_auto] sm:items-start"
          >
            <Field id="rate-currency" label="Currency" error={errors.currency?.message}>
              <Input
                {...fieldControlProps("rate-currency", errors.currency?.message)}
                placeholder="MYR"
                className="uppercase"
                autoComplete="off"
                {...form.register("currency")}
              />
            </Field>
            <Field id="rate-value" label={`Rate (per 1 ${settings.currency})`} error={errors.rate?.message}>
              <Input
                {...fieldControlProps("rate-value", errors.rate?.message)}
                inputMode="decimal"
                placeholder="4.7125"
                autoComplete="off"
                {...form.register("rate")}
              />
            </Field>
            <Field id="rate-rounding" label="Rounding" error={errors.rounding?.message}>
              <Controller
                control={form.control}
                name="rounding"
                render={({ field }) => (
                  <Select
                    value={choiceOf(field.value)}
                    onValueChange={(value) =>
                      field.onChange(roundingChoices.find((choice) => choice.value === value)?.rule ?? { kind: "none" })
                    }
                  >
                    <SelectTrigger id="rate-rounding" className="w-full">
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      {roundingChoices.map((choice) => (
                        <SelectItem key={choice.value} value={choice.value}>
                          {choice.label}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                )}
              />
            </Field>
            <Button type="submit" className="sm:mt-[1.375rem]" disabled={save.isPending}>
              {save.isPending ? <Loader2Icon className="animate-spin" aria-hidden /> : null}
              Save rate
            </Button>
          </form>
        ) : null}
      </CardContent>
    </Card>
  );
}
