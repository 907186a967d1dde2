import {
  attributesField,
  compareAtPriceField,
  costField,
  descriptionField,
  formatMinor,
  imageUrlField,
  optionNameField,
  optionValueField,
  parseMinor,
  priceField,
  skuField,
  statusField,
  stockField,
  tagField,
  titleField,
  weightGramsField,
  type CreateProductInput,
  type ProductStatusValue,
} from "@syncstore/domain";
import { z } from "zod";
import type { RouterOutputs } from "@syncstore/api/types";

export type ProductDetail = RouterOutputs["catalog"]["product"]["get"];

/**
 * The editor's form: text as typed (money in major units, numbers as text), validated with the
 * shared catalog field schemas after conversion, so the form rejects what the server would.
 */
export type VariantFormValues = {
  id?: string;
  version?: number;
  /** The stock on hand when the editor loaded the variant (sent back as the expected value). */
  loadedStockOnHand?: number;
  sku: string;
  optionValues: string[];
  price: string;
  compareAtPrice: string;
  cost: string;
  barcode: string;
  weightGrams: string;
  stockOnHand: string;
};

export type ProductFormValues = {
  title: string;
  description: string;
  brand: string;
  categoryId: string;
  status: ProductStatusValue;
  tags: string[];
  images: { url: string }[];
  attributes: { key: string; value: string }[];
  optionNames: { name: string }[];
  variants: VariantFormValues[];
};

type Checker = { safeParse: (value: unknown) => { success: boolean; error?: { issues: { message: string }[] } } };

function firstIssue(schema: Checker, value: unknown): string | null {
  const result = schema.safeParse(value);
  return result.success ? null : (result.error?.issues[0]?.message ?? "Invalid value");
}

/** Money typed in major units ("12.50"), checked as the minor units the server gets. */
function moneyText(label: string, required: boolean, currency: string, schema: Checker) {
  return z.string().superRefine((text, ctx) => {
    if (!text.trim()) {
      if (required) ctx.addIssue({ code: "custom", message: `${label} is required` });
      return;
    }
    const minor = parseMinor(text, currency);
    if (minor === null) {
      ctx.addIssue({ code: "custom", message: `${label} must be an amount like ${formatMinor(1250, currency)}` });
      return;
    }
    const message = firstIssue(schema, minor);
    if (message) ctx.addIssue({ code: "custom", message });
  });
}

function integerText(label: string, required: boolean, schema: Checker) {
  return z.string().superRefine((text, ctx) => {
    if (!text.trim()) {
      if (required) ctx.addIssue({ code: "custom", message: `${label} is required` });
      return;
    }
    if (!/^-?\d+$/.test(text.trim())) {
      ctx.addIssue({ code: "custom", message: `${label} must be a whole number` });
      return;
    }
    const message = firstIssue(schema, Number(text.trim()));
    if (message) ctx.addIssue({ code: "custom", message });
  });
}

export function productFormSchema(currency: string) {
  const variant = z.object({
    id: z.string().optional(),
    version: z.number().optional(),
    loadedStockOnHand: z.number().optional(),
    sku: skuField,
    optionValues: z.array(optionValueField),
    price: moneyText("Price", true, currency, priceField),
    compareAtPrice: moneyText("Compare-at price", false, currency, compareAtPriceField),
    cost: moneyText("Cost", false, currency, costField),
    barcode: z.string().superRefine((text, ctx) => {
      const message = firstIssue(barcodeFieldChecker, text);
      if (message) ctx.addIssue({ code: "custom", message });
    }),
    weightGrams: integerText("Weight", false, weightGramsField),
    stockOnHand: integerText("Stock", true, stockField),
  });
  return z.object({
    title: titleField,
    description: z.string().superRefine((text, ctx) => {
      const message = firstIssue(descriptionField, text);
      if (message) ctx.addIssue({ code: "custom", message });
    }),
    brand: z.string().trim().max(100, "Brand must be at most 100 characters"),
    categoryId: z.string(),
    status: statusField,
    tags: z.array(tagField).max(50, "At most 50 tags"),
    images: z.array(z.object({ url: imageUrlField })).max(20, "At most 20 images"),
    attributes: attributesField,
    optionNames: z
      .array(z.object({ name: optionNameField }))
      .max(5, "At most 5 options")
      .superRefine((rows, ctx) => {
        const seen = new Set<string>();
        rows.forEach((row, index) => {
          const key = row.name.trim().toLowerCase();
          if (seen.has(key))
            ctx.addIssue({ code: "custom", path: [index, "name"], message: "This option is used twice" });
          seen.add(key);
        });
      }),
    variants: z
      .array(variant)
      .min(1, "A product needs at least one variant")
      .max(100, "At most 100 variants")
      .superRefine((rows, ctx) => {
        const seen = new Map<string, number>();
        rows.forEach((row, index) => {
          const key = row.sku.trim().toLowerCase();
          const first = seen.get(key);
          if (key && first !== undefined)
            ctx.addIssue({ code: "custom", path: [index, "sku"], message: `SKU is also used by variant ${first + 1}` });
          else seen.set(key, index);
        });
      }),
  });
}

// The barcode schema is nullable; an empty input means "no barcode".
const barcodeFieldChecker: Checker = {
  safeParse: (value) =>
    z
      .string()
      .trim()
      .max(64, "Barcode must be at most 64 characters")
      .regex(/^[A-Za-z0-9-]*$/, "Barcode may contain letters, digits and dashes")
      .safeParse(value),
};

export function emptyVariant(optionCount: number): VariantFormValues {
  return {
    sku: "",
    optionValues: Array.from({ length: optionCount }, () => ""),
    price: "",
    compareAtPrice: "",
    cost: "",
    barcode: "",
    weightGrams: "",
    stockOnHand: "0",
  };
}

export function emptyProduct(): ProductFormValues {
  return {
    title: "",
    description: "",
    brand: "",
    categoryId: "",
    status: "draft",
    tags: [],
    images: [],
    attributes: [],
    optionNames: [],
    variants: [emptyVariant(0)],
  };
}

const moneyOut = (minor: number | null, currency: string) => (minor === null ? "" : formatMinor(minor, currency));

export function toFormValues(product: ProductDetail): ProductFormValues {
  const names: string[] = [];
  for (const variant of product.variants)
    for (const name of Object.keys(variant.options)) if (!names.includes(name)) names.push(name);
  return {
    title: product.title,
    description: product.description ?? "",
    brand: product.brand ?? "",
    categoryId: product.categoryId ?? "",
    status: product.status,
    tags: product.tags,
    images: product.images.map((url) => ({ url })),
    attributes: product.attributes,
    optionNames: names.map((name) => ({ name })),
    variants: product.variants.map((variant) => ({
      id: variant.id,
      version: variant.version,
      loadedStockOnHand: variant.stockOnHand,
      sku: variant.sku,
      optionValues: names.map((name) => variant.options[name] ?? ""),
      price: moneyOut(variant.price, product.currency),
      compareAtPrice: moneyOut(variant.compareAtPrice, product.currency),
      cost: moneyOut(variant.cost, product.currency),
      barcode: variant.barcode ?? "",
      weightGrams: variant.weightGrams === null ? "" : String(variant.weightGrams),
      stockOnHand: String(variant.stockOnHand),
    })),
  };
}

const minorOrNull = (text: string, currency: string) => (text.trim() ? parseMinor(text, currency) : null);
const intOrNull = (text: string) => (text.trim() ? Number(text.trim()) : null);

/** Validated form values → the create/update API input (minor units, options as a record). */
export function toProductInput(values: ProductFormValues, currency: string): CreateProductInput {
  const names = values.optionNames.map((o) => o.name.trim());
  return {
    title: values.title.trim(),
    description: values.description.trim() ? values.description : null,
    brand: values.brand.trim() || null,
    categoryId: values.categoryId || null,
    status: values.status,
    tags: values.tags,
    images: values.images.map((image) => image.url.trim()),
    attributes: values.attributes.map((a) => ({ key: a.key.trim(), value: a.value.trim() })),
    variants: values.variants.map((variant) => ({
      ...(variant.id
        ? {
            id: variant.id,
            version: variant.version,
            ...(variant.loadedStockOnHand === undefined ? {} : { expectedStockOnHand: variant.loadedStockOnHand }),
          }
        : {}),
      sku: variant.sku.trim(),
      options: Object.fromEntries(
        names.flatMap((name, index) => {
          const value = variant.optionValues[index]?.trim() ?? "";
          return value ? [[name, value]] : [];
        }),
      ),
      price: parseMinor(variant.price, currency) ?? 0,
      compareAtPrice: minorOrNull(variant.compareAtPrice, currency),
      cost: minorOrNull(variant.cost, currency),
      barcode: variant.barcode.trim() || null,
      weightGrams: intOrNull(variant.weightGrams),
      stockOnHand: Number(variant.stockOnHand.trim()),
    })),
  };
}

/** A server field path (`variants.1.sku`, `images.0`) → the form field that shows it. */
export function formPathOf(serverPath: string): string | null {
  if (/^images\.\d+$/.test(serverPath)) return `${serverPath}.url`;
  if (/^variants\.\d+\.(sku|price|compareAtPrice|cost|barcode|weightGrams|stockOnHand)$/.test(serverPath))
    return serverPath;
  if (/^variants\.\d+\.options/.test(serverPath)) return serverPath.replace(/\.options.*$/, ".sku");
  if (/^attributes\.\d+\.(key|value)$/.test(serverPath)) return serverPath;
  if (["title", "description", "brand", "categoryId", "status", "tags"].includes(serverPath)) return serverPath;
  return null;
}
