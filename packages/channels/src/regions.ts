/**
 * The currency a shop prices in. Neither platform puts a currency in its shop information: Shopee's
 * `get_shop_info` and TikTok's `authorization/202309/shops` name the region, and each region sells in
 * one currency (marketplaces.md). Unknown regions give null (the caller keeps what it knew).
 */
const shopeeCurrencies: Record<string, string> = {
  SG: "SGD",
  MY: "MYR",
  BR: "BRL",
  MX: "MXN",
  PL: "PLN",
  ES: "EUR",
  AR: "ARS",
  ID: "IDR",
  VN: "VND",
  TH: "THB",
  PH: "PHP",
  TW: "TWD",
  CO: "COP",
  CL: "CLP",
};

const tiktokCurrencies: Record<string, string> = {
  US: "USD",
  GB: "GBP",
  ID: "IDR",
  MY: "MYR",
  TH: "THB",
  VN: "VND",
  PH: "PHP",
  SG: "SGD",
  MX: "MXN",
  ES: "EUR",
};

export function shopCurrency(platform: "shopee" | "tiktok", region: string | null | undefined): string | null {
  if (!region) return null;
  return (platform === "shopee" ? shopeeCurrencies : tiktokCurrencies)[region.toUpperCase()] ?? null;
}
