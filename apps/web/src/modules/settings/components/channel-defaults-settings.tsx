"use client";

import type { RouterOutputs } from "@syncstore/api";
import { StoreIcon } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorState } from "@/components/common/error-state";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getErrorDetails } from "@/lib/errors";
import { trpc } from "@/lib/trpc/react";
import { useCan } from "@/lib/use-me";
import { SettingsSection } from "./settings-section";
import { toastError } from "@/lib/toast-error";

type ChannelDefault = RouterOutputs["settings"]["channelDefaults"][number];

export function ChannelDefaultsSettings() {
  return (
    <SettingsSection slug="channels">
      <ChannelDefaultsContent />
    </SettingsSection>
  );
}

function ChannelDefaultsContent() {
  const canEdit = useCan("channel:write");
  const defaults = trpc.settings.channelDefaults.useQuery();
  return (
    <Card>
      <CardHeader>
        <CardTitle>Default price rule per shop</CardTitle>
        <CardDescription>
          Applied after conversion to the shop&apos;s currency, to every listing without its own rule: 19.90, +8%, -2.00
          or +8% .99.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {defaults.isError ? (
          <ErrorState
            title="Could not load your shops"
            error={defaults.error}
            onRetry={() => void defaults.refetch()}
          />
        ) : !defaults.data ? (
          <Skeleton className="h-32 w-full" />
        ) : defaults.data.length === 0 ? (
          <EmptyState
            icon={StoreIcon}
            title="No shops connected"
            description="Connect a shop on the Channels page first."
          />
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Shop</TableHead>
                <TableHead>Currency</TableHead>
                <TableHead className="w-80">Default price rule</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {defaults.data.map((row) => (
                <ChannelDefaultRow key={row.connectionId} row={row} canEdit={canEdit} />
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

function ChannelDefaultRow({ row, canEdit }: { row: ChannelDefault; canEdit: boolean }) {
  const utils = trpc.useUtils();
  const [value, setValue] = useState(row.priceRule);
  const [error, setError] = useState<string | null>(null);
  const save = trpc.settings.setChannelDefault.useMutation({
    onSuccess: async () => {
      setError(null);
      toast.success(`Default price rule saved for ${row.name}; its prices are queued`);
      await utils.settings.channelDefaults.invalidate();
    },
    onError: (failure) => {
      const message = getErrorDetails(failure).fieldErrors.priceRule?.[0];
      if (message) setError(message);
      else toastError(failure);
    },
  });
  const id = `default-rule-${row.connectionId}`;
  return (
    <TableRow>
      <TableCell>
        <span className="font-medium">{row.name}</span>
        <span className="ml-2 text-xs text-muted-foreground capitalize">{row.platform}</span>
      </TableCell>
      <TableCell>{row.currency}</TableCell>
      <TableCell>
        {canEdit ? (
          <form
            noValidate
            className="grid gap-1"
            onSubmit={(event) => {
              event.preventDefault();
              save.mutate({ connectionId: row.connectionId, priceRule: value });
            }}
          >
            <div className="flex gap-2">
              <Input
                id={id}
                aria-label={`Default price rule for ${row.name}`}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-error` : undefined}
                placeholder="No rule"
                value={value}
                onChange={(event) => setValue(event.target.value)}
              />
              <Button type="submit" variant="outline" disabled={save.isPending || value === row.priceRule}>
                Save
              </Button>
            </div>
            {error ? (
              <p id={`${id}-error`} role="alert" className="text-sm text-destructive">
                {error}
              </p>
            ) : null}
          </form>
        ) : (
          <span>{row.priceRule || "No rule"}</span>
        )}
      </TableCell>
    </TableRow>
  );
}
