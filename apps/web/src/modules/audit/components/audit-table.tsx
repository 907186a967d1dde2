"use client";

import { format, formatDistanceToNow } from "date-fns";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { RouterOutputs } from "@/lib/trpc/types";
import { AuditEntity } from "./audit-entity";

type AuditItem = RouterOutputs["audit"]["list"]["items"][number];

export function AuditTable({ items, onOpen }: { items: AuditItem[]; onOpen: (item: AuditItem) => void }) {
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>When</TableHead>
          <TableHead>Actor</TableHead>
          <TableHead>Action</TableHead>
          <TableHead className="hidden md:table-cell">Entity</TableHead>
          <TableHead className="hidden lg:table-cell">IP</TableHead>
          <TableHead className="w-20">
            <span className="sr-only">Details</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((item) => {
          const at = new Date(item.at);
          return (
            <TableRow key={item.id}>
              <TableCell className="whitespace-nowrap">
                <time dateTime={at.toISOString()} title={format(at, "d MMM yyyy, HH:mm:ss")}>
                  {formatDistanceToNow(at, { addSuffix: true })}
                </time>
              </TableCell>
              <TableCell>
                <span className="block max-w-48 truncate">{item.actor?.name ?? "System"}</span>
              </TableCell>
              <TableCell>
                <Badge variant="outline" className="font-mono">
                  {item.action}
                </Badge>
              </TableCell>
              <TableCell className="hidden max-w-72 md:table-cell">
                <AuditEntity
                  entity={item.entity}
                  entityId={item.entityId}
                  label={item.label}
                  href={item.href}
                  className="block"
                />
              </TableCell>
              <TableCell className="hidden font-mono text-xs text-muted-foreground lg:table-cell">
                {item.ip ?? "—"}
              </TableCell>
              <TableCell className="text-right">
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={() => onOpen(item)}
                  aria-label={`Details of ${item.action}, ${format(at, "d MMM HH:mm")}`}
                >
                  Details
                </Button>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
