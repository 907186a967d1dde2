import * as React from "react";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/utils";

/**
 * Label, control, hint and error for one form field. The control gets `id`, `aria-invalid` and
 * `aria-describedby` from `fieldControlProps` so screen readers announce the error.
 */
export function Field({
  id,
  label,
  error,
  description,
  className,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  description?: React.ReactNode;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div className={cn("grid content-start gap-2", className)}>
      <Label htmlFor={id}>{label}</Label>
      {children}
      {description ? (
        <div id={`${id}-description`} className="text-xs text-muted-foreground">
          {description}
        </div>
      ) : null}
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function fieldControlProps(id: string, error: string | undefined, hasDescription = false) {
  const describedBy = [hasDescription ? `${id}-description` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(" ");
  return { id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy || undefined };
}
