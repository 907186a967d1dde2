import {
  bulkActionSchema,
  parseMinor,
  type BulkAction,
  type BulkActionKind,
  type ProductStatusValue,
} from "@syncstore/domain";

/** The "Bulk edit" dialog's fields as typed (text), whatever the chosen action uses. */
export interface BulkActionForm {
  kind: BulkActionKind;
  amount: string;
  percent: string;
  ending: "none" | "99" | "90" | "whole";
  categoryId: string;
  status: ProductStatusValue;
  tag: string;
  quantity: string;
}

export const emptyBulkActionForm: BulkActionForm = {
  kind: "change_price_percent",
  amount: "",
  percent: "",
  ending: "none",
  categoryId: "",
  status: "active",
  tag: "",
  quantity: "",
};

/** Which inputs an action shows. */
export function bulkFormFields(kind: BulkActionKind): (keyof Omit<BulkActionForm, "kind">)[] {
  switch (kind) {
    case "set_price":
    case "change_price_amount":
      return ["amount", "ending"];
    case "change_price_percent":
      return ["percent", "ending"];
    case "round_price":
      return ["ending"];
    case "set_compare_at":
      return ["amount"];
    case "set_category":
      return ["categoryId"];
    case "set_status":
      return ["status"];
    case "add_tag":
    case "remove_tag":
      return ["tag"];
    case "set_stock":
      return ["quantity"];
  }
}

type Result = { ok: true; action: BulkAction } | { ok: false; error: string };

/** Form text → a valid bulk action (money typed in major units, "12.50"), or the first problem. */
export function toBulkAction(form: BulkActionForm, currency: string): Result {
  const money = (text: string, signed: boolean): number | null | "invalid" => {
    const trimmed = text.trim();
    if (trimmed === "") return null;
    const minor = parseMinor(trimmed, currency);
    if (minor === null || (!signed && minor < 0)) return "invalid";
    return minor;
  };
  let input: unknown;
  switch (form.kind) {
    case "set_price":
    case "change_price_amount": {
      const amount = money(form.amount, form.kind === "change_price_amount");
      if (amount === null || amount === "invalid") return { ok: false, error: "Enter an amount such as 12.50" };
      input = { kind: form.kind, amount, ending: form.ending };
      break;
    }
    case "change_price_percent": {
      const percent = Number(form.percent.trim().replace(/%$/, ""));
      if (form.percent.trim() === "" || !Number.isFinite(percent))
        return { ok: false, error: "Enter a percent such as 10 or -5" };
      input = { kind: form.kind, percent, ending: form.ending };
      break;
    }
    case "round_price":
      if (form.ending === "none") return { ok: false, error: "Choose a price ending" };
      input = { kind: form.kind, ending: form.ending };
      break;
    case "set_compare_at": {
      const amount = money(form.amount, false);
      if (amount === "invalid") return { ok: false, error: "Enter an amount such as 12.50, or leave it empty" };
      input = { kind: form.kind, amount };
      break;
    }
    case "set_category":
      input = { kind: form.kind, categoryId: form.categoryId || null };
      break;
    case "set_status":
      input = { kind: form.kind, status: form.status };
      break;
    case "add_tag":
    case "remove_tag":
      input = { kind: form.kind, tag: form.tag };
      break;
    case "set_stock": {
      const quantity = Number(form.quantity.trim());
      if (form.quantity.trim() === "" || !Number.isFinite(quantity)) return { ok: false, error: "Enter a quantity" };
      input = { kind: form.kind, quantity };
      break;
    }
  }
  const parsed = bulkActionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid action" };
  return { ok: true, action: parsed.data };
}
