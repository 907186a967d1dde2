import "server-only";
import { getConfig } from "@syncstore/config";

/** What the browser may know about the deployment. Never add a secret here. */
export type PublicConfig = { gatewayUrl: string };

export function getPublicConfig(): PublicConfig {
  return { gatewayUrl: getConfig().GATEWAY_URL };
}
