import { type Platform } from "./types";

/** Currency per region as each platform bills it. */
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

/** Shopee prices carry two decimals only in these regions; integers elsewhere (marketplaces.md). */
const shopeeDecimalRegions = new Set(["SG", "MY", "BR", "MX", "PL", "ES", "AR"]);

export function supportedRegions(platform: Platform): string[] {
  return Object.keys(platform === "shopee" ? shopeeCurrencies : tiktokCurrencies);
}

export function currencyOf(platform: Platform, region: string): string | undefined {
  return (platform === "shopee" ? shopeeCurrencies : tiktokCurrencies)[region];
}

export function shopeePriceDecimals(region: string): 0 | 2 {
  return shopeeDecimalRegions.has(region) ? 2 : 0;
}

export function defaultRegion(platform: Platform): string {
  return platform === "shopee" ? "SG" : "US";
}
