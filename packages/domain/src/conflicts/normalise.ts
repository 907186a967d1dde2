import { decode } from "html-entities";
import { currencyExponent } from "../catalog/money";

/**
 * Normalisation before any three-way compare: two values that a person would call the same must
 * compare equal, whatever the platform did to them (collapsed whitespace, HTML wrapped around a
 * description, "19.9" for "19.90", a resized or re-hosted image URL).
 */

/** Trims, applies Unicode NFC and collapses every run of whitespace (incl. non-breaking) to one space. */
export function normaliseText(value: string | null | undefined): string {
  if (value === null || value === undefined) return "";
  return value
    .normalize("NFC")
    .replace(/[\s\u00a0\u200b]+/g, " ")
    .trim();
}

/**
 * A description as plain text: block tags and line breaks become spaces, other tags vanish,
 * entities are decoded, whitespace collapses. `<p>Soft&nbsp;cotton</p>` equals `Soft cotton`.
 */
export function normaliseDescription(value: string | null | undefined): string {
  if (value === null || value === undefined) return "";
  const withoutTags = value
    .replace(/<\s*(script|style)[^>]*>[\s\S]*?<\s*\/\s*\1\s*>/gi, " ")
    .replace(/<\s*(br|\/p|\/div|\/li|\/h[1-6]|p|div|li|h[1-6]|ul|ol|\/ul|\/ol)\b[^>]*>/gi, " ")
    .replace(/<[^>]+>/g, "");
  return normaliseText(decode(withoutTags));
}

/**
 * An amount as minor units of `currency`, from a number of minor units or a text the way shops and
 * people write it: "19.9", "19.90", "S$ 19.90", "1,234.50", "1.234,50", "1 234". Null when it is not
 * an amount or has more decimals than the currency allows.
 */
export function normaliseAmount(value: number | string | null | undefined, currency: string): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isSafeInteger(value) ? value : null;
  const exponent = currencyExponent(currency);
  let text = value.replace(/[^\d.,-]/g, "");
  if (text === "" || text === "-") return null;
  const lastDot = text.lastIndexOf(".");
  const lastComma = text.lastIndexOf(",");
  const decimalAt = Math.max(lastDot, lastComma);
  const digitsAfter = decimalAt >= 0 ? text.length - decimalAt - 1 : 0;
  // A single separator followed by exactly three digits is a thousands separator ("1,234"), not decimals.
  // A lone comma before three digits groups thousands ("1,234"); so does a lone dot in a currency
  // without decimals ("Rp 1.500"). Otherwise the last separator marks the decimals.
  const separators = (text.match(/[.,]/g) ?? []).length;
  const mark = decimalAt >= 0 ? text[decimalAt] : "";
  const groupsThousands = separators === 1 && digitsAfter === 3 && exponent !== 3 && (mark === "," || exponent === 0);
  const isDecimal = decimalAt >= 0 && !groupsThousands;
  if (isDecimal) {
    const whole = text.slice(0, decimalAt).replace(/[.,]/g, "");
    const fraction = text.slice(decimalAt + 1);
    if (/[.,]/.test(fraction)) return null;
    text = `${whole}.${fraction}`;
  } else {
    text = text.replace(/[.,]/g, "");
  }
  const match = /^(-)?(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match) return null;
  const [, sign, whole = "", fraction = ""] = match;
  if (whole === "" && fraction === "") return null;
  const trimmedFraction = fraction.replace(/0+$/, "");
  if (trimmedFraction.length > exponent) return null;
  const minor = Number(whole || "0") * 10 ** exponent + Number(trimmedFraction.padEnd(exponent, "0") || "0");
  if (!Number.isSafeInteger(minor)) return null;
  return sign ? -minor : minor;
}

/** TikTok CDN transformation suffixes (`~tplv-…-resize:800:800.jpeg`) and common size suffixes. */
const imageVariantSuffix = /(~tplv-[^/?#]*|_(?:\d+x\d+|tn|thumb|small|medium|large)(?=\.[a-z0-9]+$))/i;

/**
 * An image URL reduced to what names the picture: no scheme, no query or fragment, lower-case
 * host without `www.`, no platform resize suffix, no extension. `https://cf.shopee.sg/file/abc_tn.jpg?x=1`
 * equals `http://cf.shopee.sg/file/abc`.
 */
export function normaliseImageUrl(value: string): string {
  const trimmed = value.trim();
  const withoutScheme = trimmed.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "").replace(/^\/\//, "");
  const [hostAndPath = ""] = withoutScheme.split(/[?#]/);
  const slash = hostAndPath.indexOf("/");
  const host = (slash >= 0 ? hostAndPath.slice(0, slash) : hostAndPath).toLowerCase().replace(/^www\./, "");
  let path = slash >= 0 ? hostAndPath.slice(slash) : "";
  path = path.replace(imageVariantSuffix, "").replace(/\.(jpe?g|png|webp|gif|avif|heic)$/i, "");
  path = path.replace(imageVariantSuffix, "").replace(/\/+$/, "");
  return `${host}${path}`;
}

/** Image lists compare in order (the first is the cover), after normalising each URL; blanks drop. */
export function normaliseImages(urls: readonly string[] | null | undefined): string[] {
  return (urls ?? []).map(normaliseImageUrl).filter((url) => url !== "");
}

/** Option name → value with names and values trimmed and collapsed, names compared case-insensitively. */
export function normaliseOptions(options: Record<string, string> | null | undefined): [string, string][] {
  return Object.entries(options ?? {})
    .map(([name, value]): [string, string] => [normaliseText(name).toLowerCase(), normaliseText(value)])
    .filter(([name]) => name !== "")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Platform and master statuses folded onto what a buyer sees: on sale, not on sale, gone. */
export type NormalStatus = "active" | "inactive" | "deleted";

const statusMap: Record<string, NormalStatus> = {
  active: "active",
  normal: "active",
  activate: "active",
  live: "active",
  draft: "inactive",
  archived: "inactive",
  unlist: "inactive",
  seller_deactivated: "inactive",
  platform_deactivated: "inactive",
  banned: "inactive",
  freeze: "inactive",
  reviewing: "inactive",
  pending: "inactive",
  failed: "inactive",
  deleted: "deleted",
  seller_delete: "deleted",
  shopee_delete: "deleted",
};

export function normaliseStatus(value: string | null | undefined): NormalStatus | null {
  if (value === null || value === undefined || value.trim() === "") return null;
  return statusMap[value.trim().toLowerCase()] ?? "inactive";
}
