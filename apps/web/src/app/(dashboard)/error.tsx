"use client";

import { ErrorState } from "@/components/common/error-state";

/** Render errors inside the dashboard keep the shell; the digest matches the server log line. */
export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <ErrorState
      title="This page failed to load"
      error={{ message: "An unexpected error occurred.", data: { requestId: error.digest } }}
      onRetry={reset}
    />
  );
}
