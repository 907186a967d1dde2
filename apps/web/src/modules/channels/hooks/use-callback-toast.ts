"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect } from "react";
import { toast } from "sonner";
import { callbackOutcome, platformLabels } from "../utils/connection-display";

/** Announces the outcome of the OAuth callback once, then drops it from the address bar. */
export function useCallbackToast() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  useEffect(() => {
    const outcome = callbackOutcome(new URLSearchParams(params.toString()));
    if (!outcome) return;
    if (outcome.kind === "connected") toast.success(`${platformLabels[outcome.platform]} shop connected`);
    else toast.error(outcome.message);
    router.replace(pathname, { scroll: false });
  }, [params, router, pathname]);
}
