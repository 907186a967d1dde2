import { text } from "../text";
import { z } from "zod";
import { currencyExponent } from "../catalog/money";

/**
 * What each marketplace requires before it accepts a new product (marketplaces.md and the
 * platforms' add_item / products create rules), checked before anything is sent so the merchant
 * sees every problem at its field at once instead of one platform error per attempt.
 */

export type PublishPlatform = "shopee" | "tiktok";

export const publishRequirements = {
  shopee: {
    titleMax: 120,
    descriptionMin: 1,
    descriptionMax: 5000,
    imagesMax: 9,
    optionNamesMax: 2,
    optionNameMax: 20,
    optionValuesMax: 50,
    skuMax: 100,
    variantsMax: 50 * 50,
  },
  tiktok: {
    titleMax: 255,
    descriptionMin: 1,
    descriptionMax: 10_000,
    imagesMax: 9,
    optionNamesMax: 3,
    optionNameMax: 50,
    optionValuesMax: 100,
    skuMax: 50,
    variantsMax: 100,
  },
} as const satisfies Record<PublishPlatform, Record<string, number>>;

/** Shopee regions whose prices carry two decimals; the others take whole amounts (marketplaces.md). */
const shopeeDecimalRegions = new Set(["SG", "MY", "BR", "MX", "PL", "ES", "AR"]);

const idText = (label: string) =>
  text()
    .trim()
    .max(64, `${label} must be at most 64 characters`)
    .regex(/^[A-Za-z0-9_-]*$/, `${label} may contain only letters, digits, dashes and underscores`);

/** The platform fields the publish form asks for (the rest comes from the product). */
export const publishOptionsSchema = z.strictObject({
  categoryId: idText("Category id").min(1, "The marketplace category id is required"),
  brandId: idText("Brand id").nullable().default(null),
  logisticsChannelId: idText("Logistics channel id").nullable().default(null),
  warehouseId: idText("Warehouse id").nullable().default(null),
});
export type PublishOptionsInput = z.input<typeof publishOptionsSchema>;
export type PublishOptions = z.output<typeof publishOptionsSchema>;

export interface PublishCandidate {
  platform: PublishPlatform;
  /** The shop's region ("SG", "VN"), which decides Shopee's price decimals. */
  region: string | null;
  currency: string;
  title: string;
  description: string | null;
  images: string[];
  options: PublishOptions;
  variants: {
    sku: string;
    options: Record<string, string>;
    weightGrams: number | null;
    /** The channel price after the listing's rule, minor units; null when the rule makes it negative. */
    price: number | null;
  }[];
}

export interface PublishIssue {
  /** Field path: "categoryId", "description", "images", "variants.2.weightGrams", … */
  path: string;
  message: string;
}

const platformName: Record<PublishPlatform, string> = { shopee: "Shopee", tiktok: "TikTok Shop" };

/** Every reason the platform would refuse this product; empty when it may be sent. */
export function validatePublish(candidate: PublishCandidate): PublishIssue[] {
  const rules = publishRequirements[candidate.platform];
  const name = platformName[candidate.platform];
  const issues: PublishIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  const { options } = candidate;

  if (candidate.platform === "shopee") {
    if (!/^\d+$/.test(options.categoryId)) add("categoryId", "Shopee category ids are numbers, such as 100017");
    if (!options.logisticsChannelId) add("logisticsChannelId", "Shopee needs an enabled logistics channel id");
    else if (!/^\d+$/.test(options.logisticsChannelId))
      add("logisticsChannelId", "Shopee logistics channel ids are numbers, such as 10001");
    if (options.brandId && !/^\d+$/.test(options.brandId)) add("brandId", "Shopee brand ids are numbers");
  } else if (!options.warehouseId) {
    add("warehouseId", "TikTok Shop needs the warehouse that holds the stock");
  }

  const title = candidate.title.trim();
  if (!title) add("title", `${name} needs a title`);
  else if (title.length > rules.titleMax) add("title", `${name} titles are at most ${rules.titleMax} characters`);
  const description = (candidate.description ?? "").trim();
  if (description.length < rules.descriptionMin) add("description", `${name} needs a description`);
  else if (description.length > rules.descriptionMax)
    add("description", `${name} descriptions are at most ${rules.descriptionMax.toLocaleString("en")} characters`);
  if (candidate.images.length === 0) add("images", `${name} needs at least one image`);
  else if (candidate.images.length > rules.imagesMax)
    add(
      "images",
      `${name} takes at most ${rules.imagesMax} images; remove ${candidate.images.length - rules.imagesMax}`,
    );

  const variants = candidate.variants;
  if (variants.length === 0) add("variants", "The product has no variants to publish");
  if (variants.length > rules.variantsMax) add("variants", `${name} takes at most ${rules.variantsMax} variants`);
  const optionNames = [...new Set(variants.flatMap((v) => Object.keys(v.options)))];
  if (variants.length > 1 && optionNames.length === 0)
    add("variants", `${name} needs option values (such as Size) to tell the variants apart`);
  if (optionNames.length > rules.optionNamesMax)
    add("variants", `${name} takes at most ${rules.optionNamesMax} options; this product has ${optionNames.length}`);
  for (const option of optionNames) {
    if (option.length > rules.optionNameMax)
      add("variants", `Option name "${option}" is longer than ${rules.optionNameMax} characters`);
    const values = new Set(variants.map((v) => v.options[option] ?? ""));
    if (values.size > rules.optionValuesMax)
      add("variants", `${name} takes at most ${rules.optionValuesMax} values of "${option}"`);
  }
  const combos = new Map<string, number>();
  const decimals =
    candidate.platform === "shopee" && candidate.region && !shopeeDecimalRegions.has(candidate.region.toUpperCase())
      ? 0
      : 2;
  const exponent = currencyExponent(candidate.currency);
  variants.forEach((variant, index) => {
    const at = (field: string) => `variants.${index}.${field}`;
    if (variant.sku.length > rules.skuMax) add(at("sku"), `${name} SKUs are at most ${rules.skuMax} characters`);
    for (const option of optionNames) {
      if (!(variant.options[option] ?? "").trim()) add(at("options"), `Variant ${variant.sku} has no ${option} value`);
    }
    const combo = optionNames.map((option) => variant.options[option] ?? "").join("\u0000");
    const first = combos.get(combo);
    if (optionNames.length > 0 && first !== undefined)
      add(at("options"), `Variant ${variant.sku} has the same options as variant ${variants[first]?.sku ?? ""}`);
    else combos.set(combo, index);
    if (!variant.weightGrams || variant.weightGrams <= 0)
      add(at("weightGrams"), `${name} needs a shipping weight for ${variant.sku}`);
    if (variant.price === null) add(at("price"), `The price rule makes ${variant.sku}'s price negative`);
    else if (variant.price <= 0) add(at("price"), `${name} needs a price above zero for ${variant.sku}`);
    else if (exponent > decimals && variant.price % 10 ** (exponent - decimals) !== 0)
      add(
        at("price"),
        `Shopee ${candidate.region ?? ""} takes whole prices; ${variant.sku} has cents (use a rule ending "whole")`,
      );
  });
  return issues;
}
