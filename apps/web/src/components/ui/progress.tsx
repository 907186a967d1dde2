"use client";

import { Progress as ProgressPrimitive } from "radix-ui";
import * as React from "react";
import { cn } from "@/lib/utils";

/** A determinate progress bar; `segments` stack coloured parts (done, failed) in one track. */
export function Progress({
  className,
  value,
  segments,
  ...props
}: React.ComponentProps<typeof ProgressPrimitive.Root> & {
  value: number;
  segments?: { percent: number; className: string }[];
}) {
  const parts = segments ?? [{ percent: value, className: "bg-primary" }];
  return (
    <ProgressPrimitive.Root
      data-slot="progress"
      value={value}
      className={cn("relative flex h-2 w-full overflow-hidden rounded-full bg-muted", className)}
      {...props}
    >
      {parts.map((part, index) => (
        <div
          key={index}
          className={cn("h-full transition-[width] duration-300", part.className)}
          style={{ width: `${Math.max(0, Math.min(100, part.percent))}%` }}
        />
      ))}
    </ProgressPrimitive.Root>
  );
}
