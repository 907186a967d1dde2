"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { formatErrorForToast } from "@/lib/errors";
import { trpc } from "@/lib/trpc/react";

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
    onError: (error) => toast.error(formatErrorForToast(error)),
  });
}
