"use client";

import { ChevronDownIcon } from "lucide-react";
import { Popover } from "radix-ui";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

/** A toolbar button opening a small panel (filters, columns); shows how many values are set. */
export function ToolbarPopover({
  label,
  count = 0,
  icon,
  children,
  align = "start",
  className,
}: {
  label: string;
  count?: number;
  icon?: ReactNode;
  children: ReactNode;
  align?: "start" | "end";
  className?: string;
}) {
  return (
    <Popover.Root>
      <Popover.Trigger asChild>
        <Button
          variant={count > 0 ? "secondary" : "outline"}
          size="sm"
          className={cn(count > 0 && "border border-primary/20")}
        >
          {icon}
          {label}
          {count > 0 ? (
            <span className="rounded bg-primary px-1.5 text-[11px] leading-4 text-primary-foreground">{count}</span>
          ) : null}
          <ChevronDownIcon className="opacity-60" aria-hidden />
        </Button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          align={align}
          sideOffset={4}
          className={cn(
            "z-50 w-64 rounded-md border bg-popover p-3 text-popover-foreground shadow-md outline-none data-[state=open]:animate-in data-[state=open]:fade-in-0",
            className,
          )}
        >
          {children}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
