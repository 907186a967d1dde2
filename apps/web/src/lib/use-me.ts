"use client";

import type { Permission } from "@syncstore/auth/permissions";
import { useState } from "react";
import { trpc } from "@/lib/trpc/react";
import type { RouterOutputs } from "@/lib/trpc/types";

export type MeContext = RouterOutputs["me"]["context"];

/** Who is signed in, their active organization and what their role there allows. */
export function useMe() {
  return trpc.me.context.useQuery(undefined, { staleTime: 60_000 });
}

/**
 * Starts the query cache from the account the server rendered with (once, before anything reads
 * it), so the browser's first render, and every part hydrated later, matches the server's HTML.
 */
export function useSeedMe(initialMe: MeContext | null): void {
  const utils = trpc.useUtils();
  useState(() => {
    if (initialMe && utils.me.context.getData() === undefined) utils.me.context.setData(undefined, initialMe);
    return null;
  });
}

/** Whether the signed-in user's role allows `permission` (the server checks again). */
export function useCan(permission: Permission): boolean {
  const { data } = useMe();
  return data?.permissions.includes(permission) ?? false;
}
