import { createChannelAdapters, type ChannelAdapters, type ChannelEnv } from "./factory";
import { keyringFrom, type Keyring } from "./token-cipher";

/** What code talking to connected shops needs beyond the database: adapters, the token keyring, the state secret. */
export interface ChannelDeps {
  adapters: ChannelAdapters;
  keyring: Keyring;
  /** Signs OAuth `state` values (BETTER_AUTH_SECRET). */
  stateSecret: string;
}

export interface ChannelDepsEnv extends ChannelEnv {
  BETTER_AUTH_SECRET: string;
  TOKEN_ENCRYPTION_KEY: string;
  TOKEN_ENCRYPTION_KEY_ID: string;
  TOKEN_ENCRYPTION_PREVIOUS_KEYS?: string | undefined;
  GATEWAY_URL: string;
  /** Where marketplaces post webhooks when it differs from GATEWAY_URL (config's `webhookCallbackUrls`). */
  GATEWAY_PUBLIC_URL?: string | undefined;
}

/** Builds the channel collaborators from the parsed environment (`getConfig()`); shared by the API and the worker. */
export function createChannelDeps(env: ChannelDepsEnv): ChannelDeps {
  return {
    adapters: createChannelAdapters(env, {
      shopeePushCallbackUrl: `${(env.GATEWAY_PUBLIC_URL ?? env.GATEWAY_URL).replace(/\/+$/, "")}/webhooks/shopee`,
    }),
    keyring: keyringFrom(
      { id: env.TOKEN_ENCRYPTION_KEY_ID, base64: env.TOKEN_ENCRYPTION_KEY },
      env.TOKEN_ENCRYPTION_PREVIOUS_KEYS ?? "",
    ),
    stateSecret: env.BETTER_AUTH_SECRET,
  };
}
