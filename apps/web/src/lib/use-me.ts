"use client";

import type { Permission } from "@syncstore/auth/permissions";
import { trpc } from "@/lib/trpc/react";

/** Who is signed in, their active organization and what their role there allows. */
export function useMe() {
  return trpc.me.context.useQuery(undefined, { staleTime: 60_000 });
}

/** Whether the signed-in user's role allows `permission` (the server checks again). */
export function useCan(permission: Permission): boolean {
  const { data } = useMe();
  return data?.permissions.includes(permission) ?? false;
}
