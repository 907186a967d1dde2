"use client";

import { toast } from "sonner";
import { getErrorDetails } from "./errors";

/**
 * An error toast that says what happened and what to do; the request id support needs sits behind
 * a "Details" disclosure instead of in the sentence.
 */
export function toastError(error: unknown): void {
  const { message, requestId } = getErrorDetails(error);
  toast.error(message, {
    description: requestId ? (
      <details className="text-xs">
        <summary className="cursor-pointer select-none">Details</summary>
        Request ID: <code className="font-mono select-all">{requestId}</code>
      </details>
    ) : undefined,
  });
}
