"use client";

import { format } from "date-fns";
import Link from "next/link";
import type * as React from "react";
import { Sheet, SheetContent, SheetDescription, SheetTitle } from "@/components/ui/sheet";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { RouterOutputs } from "@/lib/trpc/types";
import { cn } from "@/lib/utils";
import { snapshotRows } from "../utils/format-snapshot";
import { platformNames } from "../utils/sync-display";
import { SyncStateBadge } from "./sync-state-badge";

export type SyncAttempt = RouterOutputs["sync"]["history"]["items"][number];

/** One attempt: what we sent against what the shop had, the outcome, and the platform's request id. */
export function AttemptDrawer({
  attempt,
  currency,
  onClose,
  action,
}: {
  attempt: SyncAttempt | null;
  currency: string | null;
  onClose: () => void;
  /** A control for this attempt (retry), shown under its facts. */
  action?: React.ReactNode;
}) {
  return (
    <Sheet open={attempt !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      <SheetContent className="w-full overflow-y-auto sm:max-w-lg">
        {attempt ? <AttemptDetail attempt={attempt} currency={currency} action={action} /> : null}
      </SheetContent>
    </Sheet>
  );
}

function AttemptDetail({
  attempt,
  currency,
  action,
}: {
  attempt: SyncAttempt;
  currency: string | null;
  action?: React.ReactNode;
}) {
  const rows = snapshotRows(attempt.before, attempt.after, currency);
  const facts: [string, React.ReactNode][] = [
    ["When", format(new Date(attempt.at), "d MMM yyyy HH:mm:ss")],
    ["Shop", `${attempt.connection.name} (${platformNames[attempt.connection.platform]})`],
    ["Operation", attempt.operation],
    ["Attempt", attempt.attempt],
    ["Duration", `${attempt.durationMs} ms`],
    ["Request id", attempt.requestId ? <code className="font-mono text-xs select-all">{attempt.requestId}</code> : "—"],
  ];
  return (
    <div className="grid gap-5 p-1" data-testid="attempt-detail">
      <div className="grid gap-1 pr-8">
        <SheetTitle className="flex items-center gap-2">
          {attempt.productTitle ?? attempt.sku ?? "Removed listing"}
          <SyncStateBadge state={attempt.outcome} />
        </SheetTitle>
        <SheetDescription>
          {attempt.sku ? `${attempt.sku} · ` : ""}
          {attempt.productId ? (
            <Link className="underline underline-offset-2" href={`/products/${attempt.productId}`}>
              Open product
            </Link>
          ) : (
            "The listing no longer exists"
          )}
        </SheetDescription>
      </div>
      <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1.5 text-sm">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-muted-foreground">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {action ? <div>{action}</div> : null}
      {attempt.error ? (
        <div className="rounded-md border border-destructive/30 bg-destructive/5 p-3 text-sm" role="note">
          <p className="font-medium text-destructive">
            Platform answer{attempt.errorCode ? ` (${attempt.errorCode})` : ""}
          </p>
          <p className="mt-1 break-words">{attempt.error}</p>
        </div>
      ) : null}
      <section className="grid gap-2">
        <h3 className="text-sm font-medium">Request summary</h3>
        {rows.length === 0 ? (
          <p className="text-sm text-muted-foreground">No field values were recorded for this attempt.</p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Field</TableHead>
                <TableHead>On the shop before</TableHead>
                <TableHead>Sent</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((row) => (
                <TableRow key={row.field}>
                  <TableCell className="text-muted-foreground">{row.label}</TableCell>
                  <TableCell className={cn(row.changed && "text-muted-foreground line-through")}>
                    {row.before}
                  </TableCell>
                  <TableCell className={cn(row.changed && "font-medium")}>{row.after}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </section>
    </div>
  );
}
