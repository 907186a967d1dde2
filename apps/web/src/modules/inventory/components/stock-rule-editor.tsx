"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Loader2Icon } from "lucide-react";
import { Controller, useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { getErrorDetails } from "@/lib/errors";
import { toastError } from "@/lib/toast-error";
import {
  fromRuleForm,
  stockRuleFormSchema,
  toRuleForm,
  type StockRuleFormValues,
  type StockRuleValue,
} from "../utils/stock-rule-form";

const numberFields = [
  ["buffer", "Buffer (units kept back)"],
  ["percent", "Percentage of available"],
  ["fixed", "Fixed quantity"],
  ["max", "Cap"],
  ["stopBelow", "Stop selling below"],
] as const;

/**
 * The one stock rule form (organization default, a shop's rule, a listing's rule): every term
 * optional, checked with the form schema, the server's field errors shown at their fields.
 * `onSave` gets the rule (an empty rule clears it) and rejects with the tRPC error on failure.
 */
export function StockRuleEditor({
  idPrefix,
  rule,
  shops,
  onSave,
  onDone,
  removeLabel,
  compact = false,
}: {
  idPrefix: string;
  rule: StockRuleValue | null;
  /** Candidates for the preferred shop of "stop selling below". */
  shops: readonly { connectionId: string; name: string }[];
  onSave: (rule: StockRuleValue) => Promise<unknown>;
  onDone: () => void;
  /** When set and a rule exists, a button that clears it (the level above applies again). */
  removeLabel?: string;
  /** Fewer columns, for a dialog. */
  compact?: boolean;
}) {
  const form = useForm<StockRuleFormValues>({
    resolver: zodResolver(stockRuleFormSchema),
    defaultValues: toRuleForm(rule),
  });
  const { errors, isSubmitting } = form.formState;

  const handleSave = async (value: StockRuleValue) => {
    try {
      await onSave(value);
      onDone();
    } catch (error) {
      const { fieldErrors, code, message } = getErrorDetails(error);
      const entries = Object.entries(fieldErrors);
      for (const [path, messages] of entries) {
        const key = path.replace(/^rule\./, "") as keyof StockRuleFormValues;
        if (messages[0]) form.setError(key, { message: messages[0] });
      }
      if (entries.length === 0 && code === "BAD_REQUEST") form.setError("stopBelow", { message });
      else if (entries.length === 0) toastError(error);
    }
  };

  return (
    <form
      noValidate
      className="grid gap-3"
      data-testid={`${idPrefix}-editor`}
      onSubmit={form.handleSubmit((values) => handleSave(fromRuleForm(values)))}
    >
      <div className={compact ? "grid gap-3 sm:grid-cols-2" : "grid gap-3 sm:grid-cols-3 lg:grid-cols-6"}>
        {numberFields.map(([key, label]) => {
          const id = `${idPrefix}-${key}`;
          return (
            <Field key={key} id={id} label={label} error={errors[key]?.message}>
              <Input
                {...fieldControlProps(id, errors[key]?.message)}
                inputMode="numeric"
                placeholder="Not set"
                {...form.register(key)}
              />
            </Field>
          );
        })}
        <Field id={`${idPrefix}-except`} label="Preferred shop" error={errors.stopExceptConnectionId?.message}>
          <Controller
            control={form.control}
            name="stopExceptConnectionId"
            render={({ field }) => (
              <Select
                value={field.value || "none"}
                onValueChange={(value) => field.onChange(value === "none" ? "" : value)}
              >
                <SelectTrigger id={`${idPrefix}-except`} className="w-full">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  <SelectItem value="none">None</SelectItem>
                  {shops.map((other) => (
                    <SelectItem key={other.connectionId} value={other.connectionId}>
                      {other.name}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          />
        </Field>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" size="sm" disabled={isSubmitting}>
          {isSubmitting ? <Loader2Icon className="animate-spin" aria-hidden /> : null}
          Save stock rule
        </Button>
        <Button type="button" size="sm" variant="outline" onClick={onDone}>
          Cancel
        </Button>
        {removeLabel && rule ? (
          <Button
            type="button"
            size="sm"
            variant="ghost"
            className="text-destructive"
            disabled={isSubmitting}
            onClick={() => void handleSave({})}
          >
            {removeLabel}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
