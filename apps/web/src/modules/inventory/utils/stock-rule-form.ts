import { z } from "zod";

const optionalWhole = (label: string, max: number) =>
  z
    .string()
    .trim()
    .refine((value) => value === "" || (/^\d+$/.test(value) && Number(value) <= max), {
      message: `${label}: a whole number from 0 to ${max.toLocaleString("en")}, or empty`,
    });

/** The stock rule form: every term optional (empty = not set). */
export const stockRuleFormSchema = z.object({
  buffer: optionalWhole("Buffer", 1_000_000),
  percent: optionalWhole("Percentage", 100),
  fixed: optionalWhole("Fixed quantity", 1_000_000),
  max: optionalWhole("Cap", 1_000_000),
  stopBelow: optionalWhole("Stop selling below", 1_000_000),
  stopExceptConnectionId: z.string(),
});
export type StockRuleFormValues = z.infer<typeof stockRuleFormSchema>;

export type StockRuleValue = {
  buffer?: number | undefined;
  percent?: number | undefined;
  fixed?: number | undefined;
  max?: number | undefined;
  stopBelow?: number | undefined;
  stopExceptConnectionId?: string | undefined;
};

const numberKeys = ["buffer", "percent", "fixed", "max", "stopBelow"] as const;

export function toRuleForm(rule: StockRuleValue | null): StockRuleFormValues {
  const form = { stopExceptConnectionId: rule?.stopExceptConnectionId ?? "" } as StockRuleFormValues;
  for (const key of numberKeys) form[key] = rule?.[key] === undefined ? "" : String(rule[key]);
  return form;
}

export function fromRuleForm(values: StockRuleFormValues): StockRuleValue {
  const rule: StockRuleValue = {};
  for (const key of numberKeys) if (values[key] !== "") rule[key] = Number(values[key]);
  if (values.stopExceptConnectionId) rule.stopExceptConnectionId = values.stopExceptConnectionId;
  return rule;
}

/**
 * One line for a rule ("buffer 2, cap 40, stop below 5 except Shopee"); `empty` is what having no
 * rule means at that level (a shop falls back to the organization default, which offers everything).
 */
export function describeRule(
  rule: StockRuleValue | null,
  shopName: (id: string) => string,
  empty = "No rule: the organization default applies",
): string {
  if (!rule) return empty;
  const parts: string[] = [];
  if (rule.fixed !== undefined) parts.push(`fixed ${rule.fixed}`);
  if (rule.percent !== undefined) parts.push(`${rule.percent}%`);
  if (rule.buffer !== undefined) parts.push(`buffer ${rule.buffer}`);
  if (rule.max !== undefined) parts.push(`cap ${rule.max}`);
  if (rule.stopBelow !== undefined)
    parts.push(
      `stop below ${rule.stopBelow}${rule.stopExceptConnectionId ? ` except ${shopName(rule.stopExceptConnectionId)}` : ""}`,
    );
  return parts.join(", ") || empty;
}
