"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";

import { trpc } from "@/lib/trpc/react";
import { toastError } from "@/lib/toast-error";

/**
 * Switching organization changes the answer of every organization-scoped query, so this is the
 * one place where the whole cache is dropped rather than invalidated key by key.
 */
export function useSwitchOrganization() {
  const queryClient = useQueryClient();
  const router = useRouter();
  return trpc.organization.setActive.useMutation({
    onSuccess: async () => {
      queryClient.clear();
      router.push("/");
      router.refresh();
    },
    onError: (error) => toastError(error),
  });
}
