"use client";

import { AlertTriangleIcon, RotateCwIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { getErrorDetails } from "@/lib/errors";
import { cn } from "@/lib/utils";

/** What went wrong, the request id support needs, and a way to try again. */
export function ErrorState({
  title = "Something went wrong",
  error,
  onRetry,
  className,
}: {
  title?: string;
  error: unknown;
  onRetry?: () => void;
  className?: string;
}) {
  const { message, requestId } = getErrorDetails(error);
  return (
    <div
      role="alert"
      className={cn(
        "flex flex-col items-center justify-center gap-3 rounded-lg border border-dashed border-destructive/40 px-6 py-10 text-center",
        className,
      )}
    >
      <AlertTriangleIcon className="size-6 text-destructive" aria-hidden />
      <div className="space-y-1">
        <p className="font-medium">{title}</p>
        <p className="max-w-md text-sm text-muted-foreground">{message}</p>
        {requestId ? (
          <details className="text-xs text-muted-foreground">
            <summary className="cursor-pointer select-none">Details for support</summary>
            Request ID: <code className="rounded bg-muted px-1 py-0.5 font-mono select-all">{requestId}</code>
          </details>
        ) : null}
      </div>
      {onRetry ? (
        <Button variant="outline" size="sm" onClick={onRetry}>
          <RotateCwIcon aria-hidden />
          Try again
        </Button>
      ) : null}
    </div>
  );
}
