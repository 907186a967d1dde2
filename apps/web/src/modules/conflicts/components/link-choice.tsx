"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { formatErrorForToast } from "@/lib/errors";
import { trpc } from "@/lib/trpc/react";
import { contentText, formatPrice } from "../utils/display";
import { WordDiff } from "./word-diff";

export type LinkTake = { content: "master" | "channel"; price: "master" | "channel" };

function Choice({
  name,
  label,
  value,
  canTakeChannel,
  onChange,
  children,
}: {
  name: string;
  label: string;
  value: "master" | "channel";
  canTakeChannel: boolean;
  onChange: (value: "master" | "channel") => void;
  children: React.ReactNode;
}) {
  return (
    <fieldset className="grid gap-2 rounded-md border p-3">
      <legend className="px-1 text-sm font-medium">{label}</legend>
      {children}
      <div className="flex flex-wrap gap-4 text-sm">
        <label className="flex items-center gap-2">
          <input type="radio" name={name} checked={value === "master"} onChange={() => onChange("master")} />
          Keep master (push it to the shop)
        </label>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name={name}
            disabled={!canTakeChannel}
            checked={value === "channel"}
            onChange={() => onChange("channel")}
          />
          Take the shop&apos;s into master
        </label>
      </div>
    </fieldset>
  );
}

/**
 * The link-time choice: per field group, what master has against what the shop shows (a word diff
 * for text, prices with their currency), and whether to keep master or take the shop's values.
 */
export function LinkChoice({
  listingId,
  variantId,
  pending,
  onConfirm,
  onBack,
}: {
  listingId: string;
  variantId: string;
  pending: boolean;
  onConfirm: (take: LinkTake) => void;
  onBack: () => void;
}) {
  const preview = trpc.conflicts.linkPreview.useQuery({ listingId, variantId });
  const [take, setTake] = useState<LinkTake>({ content: "master", price: "master" });
  if (preview.isPending) return <Skeleton className="h-40 w-full" />;
  if (preview.isError) return <p className="text-sm text-destructive">{formatErrorForToast(preview.error)}</p>;
  const { content, price } = preview.data;
  const master = contentText(content.master);
  const channel = contentText(content.channel);
  return (
    <div className="grid gap-3" aria-label="Link preview">
      {!content.differs && !price.differs ? (
        <p className="text-sm text-muted-foreground">The shop already shows master&apos;s title and price.</p>
      ) : null}
      {content.differs ? (
        <Choice
          name="take-content"
          label="Title and description"
          value={take.content}
          canTakeChannel={content.canTakeChannel}
          onChange={(value) => setTake({ ...take, content: value })}
        >
          <p className="text-xs text-muted-foreground">Master → shop</p>
          <WordDiff from={master.title} to={channel.title} className="font-medium" />
          {master.description || channel.description ? (
            <WordDiff from={master.description} to={channel.description} className="text-muted-foreground" />
          ) : null}
        </Choice>
      ) : null}
      {price.differs ? (
        <Choice
          name="take-price"
          label="Price"
          value={take.price}
          canTakeChannel={price.canTakeChannel}
          onChange={(value) => setTake({ ...take, price: value })}
        >
          <p className="text-sm tabular-nums">
            Master {formatPrice(price.master, price.master.currency ?? "")} · shop{" "}
            {formatPrice(price.channel, price.channel.currency ?? "")}
          </p>
        </Choice>
      ) : null}
      <div className="flex gap-2">
        <Button disabled={pending} onClick={() => onConfirm(take)}>
          Link
        </Button>
        <Button variant="ghost" onClick={onBack}>
          Back
        </Button>
      </div>
    </div>
  );
}
