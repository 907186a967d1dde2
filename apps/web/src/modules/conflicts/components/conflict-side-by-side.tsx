"use client";

import type { RouterOutputs } from "@syncstore/api/types";
import { normaliseStatus as normalStatus, parseMinor, type NormalStatus } from "@syncstore/domain";
import Image from "next/image";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { useResolveConflicts } from "../hooks/use-resolve-conflicts";
import {
  ageOf,
  contentText,
  formatPrice,
  groupLabel,
  platformNames,
  statusLabels,
  type Values,
} from "../utils/display";
import { WordDiff } from "./word-diff";

export type ConflictRow = RouterOutputs["conflicts"]["list"]["rows"][number];

function Side({ label, hint, children }: { label: string; hint: string; children: React.ReactNode }) {
  return (
    <div className="grid min-w-0 content-start gap-2 rounded-md border p-3">
      <div>
        <p className="text-sm font-medium">{label}</p>
        <p className="text-xs text-muted-foreground">{hint}</p>
      </div>
      {children}
    </div>
  );
}

function Thumbnails({ urls }: { urls: string[] | null | undefined }) {
  if (!urls || urls.length === 0) return <p className="text-sm text-muted-foreground">No images</p>;
  return (
    <div className="flex flex-wrap gap-2">
      {urls.map((url) => (
        <Image
          key={url}
          src={url}
          alt=""
          width={64}
          height={64}
          unoptimized
          className="size-16 rounded border object-cover"
        />
      ))}
    </div>
  );
}

function ContentSide({ values, against }: { values: Values | null; against: Values | null }) {
  const mine = contentText(values);
  const base = contentText(against);
  return (
    <div className="grid gap-2">
      <WordDiff from={base.title} to={mine.title} className="font-medium" />
      {mine.description || base.description ? (
        <WordDiff from={base.description} to={mine.description} className="text-muted-foreground" />
      ) : null}
    </div>
  );
}

/** Base, master and channel side by side, word-level diffs against the base, and the three ways out. */
export function ConflictSideBySide({ conflict, canWrite }: { conflict: ConflictRow; canWrite: boolean }) {
  const resolve = useResolveConflicts();
  const [merging, setMerging] = useState(false);
  const [title, setTitle] = useState(conflict.channel.title ?? "");
  const [description, setDescription] = useState(conflict.master.description ?? conflict.channel.description ?? "");
  const [price, setPrice] = useState("");
  const [images, setImages] = useState((conflict.channel.images ?? conflict.master.images ?? []).join("\n"));
  const [options, setOptions] = useState<Record<string, string>>({
    ...(conflict.master.options ?? {}),
    ...(conflict.channel.options ?? {}),
  });
  const [status, setStatus] = useState(normalStatus(conflict.channel.status) ?? "active");
  const [error, setError] = useState<string | null>(null);
  const group = conflict.fieldGroup;
  /** Content and price go to the shops; images, options and status stay in master (see the hint). */
  const pushed = group === "content" || group === "price";
  const shop = `${platformNames[conflict.platform]} · ${conflict.connectionName}`;

  const render = (values: Values | null) => {
    if (group === "content") return <ContentSide values={values} against={conflict.base} />;
    if (group === "images") return <Thumbnails urls={values?.images} />;
    if (group === "price")
      return <p className="text-lg font-semibold tabular-nums">{formatPrice(values, conflict.currency)}</p>;
    if (group === "options") {
      const entries = Object.entries(values?.options ?? {});
      if (entries.length === 0) return <p className="text-sm text-muted-foreground">No options</p>;
      return (
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
          {entries.map(([name, value]) => (
            <div key={name} className="contents">
              <dt className="text-muted-foreground">{name}</dt>
              <dd className="font-medium">{value}</dd>
            </div>
          ))}
        </dl>
      );
    }
    const normal = normalStatus(values?.status);
    return (
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <Badge variant={normal === "active" ? "secondary" : "outline"}>
          {normal ? statusLabels[normal] : "Unknown"}
        </Badge>
        {values?.status && values.status.toLowerCase() !== normal ? (
          <span className="text-xs text-muted-foreground">{values.status}</span>
        ) : null}
      </p>
    );
  };

  const handleMerge = () => {
    setError(null);
    if (group === "images") {
      const urls = images
        .split(/\r?\n/)
        .map((url) => url.trim())
        .filter(Boolean);
      if (urls.length === 0) {
        setError("Keep at least one image URL, one per line");
        return;
      }
      resolve.mutate({ strategy: "manual", conflictIds: [conflict.id], value: { images: urls } });
      return;
    }
    if (group === "options") {
      if (Object.values(options).some((value) => !value.trim())) {
        setError("Every option needs a value");
        return;
      }
      resolve.mutate({ strategy: "manual", conflictIds: [conflict.id], value: { options } });
      return;
    }
    if (group === "status") {
      resolve.mutate({ strategy: "manual", conflictIds: [conflict.id], value: { status } });
      return;
    }
    if (group === "price") {
      const minor = parseMinor(price, conflict.currency);
      if (minor === null || minor <= 0) {
        setError(`Enter a price like 19.90 (${conflict.currency})`);
        return;
      }
      resolve.mutate({ strategy: "manual", conflictIds: [conflict.id], value: { price: minor } });
      return;
    }
    if (!title.trim()) {
      setError("The title must not be empty");
      return;
    }
    resolve.mutate({
      strategy: "manual",
      conflictIds: [conflict.id],
      value: { title, ...(description ? { description } : {}) },
    });
  };

  return (
    <Card data-testid="conflict-detail">
      <CardHeader className="gap-1">
        <CardTitle className="flex flex-wrap items-center gap-2 text-base">
          {conflict.productTitle ?? "Unlinked product"}
          <Badge variant="secondary">{groupLabel(group)}</Badge>
        </CardTitle>
        <p className="text-sm text-muted-foreground">
          {shop}
          {conflict.sku ? ` · ${conflict.sku}` : ""} · seen {ageOf(conflict.channelSeenAt)} via {conflict.source}
        </p>
      </CardHeader>
      <CardContent className="grid gap-4">
        <div className="grid gap-3 lg:grid-cols-3">
          <Side label="Base" hint="Last pushed and accepted">
            {group === "content" ? (
              <ContentSide values={conflict.base} against={conflict.base} />
            ) : (
              render(conflict.base)
            )}
          </Side>
          <Side label="Master" hint="SyncStore now (overrides and price rule applied)">
            {render(conflict.master)}
          </Side>
          <Side label="Channel" hint={`${platformNames[conflict.platform]} now`}>
            {render(conflict.channel)}
          </Side>
        </div>
        {canWrite ? (
          <div className="grid gap-3">
            <div className="flex flex-wrap gap-2">
              <Button
                disabled={resolve.isPending}
                onClick={() => resolve.mutate({ strategy: "master", conflictIds: [conflict.id] })}
              >
                Use master
              </Button>
              <Button
                variant="secondary"
                disabled={resolve.isPending}
                onClick={() => resolve.mutate({ strategy: "channel", conflictIds: [conflict.id] })}
              >
                Use channel
              </Button>
              <Button variant="outline" onClick={() => setMerging((open) => !open)} aria-expanded={merging}>
                Merge manually
              </Button>
            </div>
            <p className="text-xs text-muted-foreground">
              {pushed
                ? "Use master pushes master to this shop. Use channel adopts the channel's value into master, which then syncs to every other shop. A manual merge goes into master and is pushed everywhere."
                : "Use master keeps master and records the decision (SyncStore does not push images, options or status to shops). Use channel or a manual merge writes the value into master."}
            </p>
            {merging ? (
              <div className="grid gap-3 rounded-md border p-3">
                {group === "images" ? (
                  <div className="grid gap-2">
                    <Label htmlFor="merge-images">Merged images (one URL per line, the first is the cover)</Label>
                    <textarea
                      id="merge-images"
                      className="min-h-24 rounded-md border bg-transparent px-3 py-2 font-mono text-xs"
                      value={images}
                      onChange={(e) => setImages(e.target.value)}
                    />
                  </div>
                ) : group === "options" ? (
                  <div className="grid gap-2 sm:grid-cols-2">
                    {Object.entries(options).map(([name, value]) => (
                      <div key={name} className="grid gap-2">
                        <Label htmlFor={`merge-option-${name}`}>{name}</Label>
                        <Input
                          id={`merge-option-${name}`}
                          value={value}
                          onChange={(e) => setOptions((current) => ({ ...current, [name]: e.target.value }))}
                        />
                      </div>
                    ))}
                  </div>
                ) : group === "status" ? (
                  <div className="grid gap-2">
                    <Label htmlFor="merge-status">Merged status</Label>
                    <NativeSelect
                      id="merge-status"
                      className="w-fit min-w-48"
                      value={status}
                      onChange={(e) => setStatus(e.target.value as NormalStatus)}
                    >
                      {(Object.keys(statusLabels) as NormalStatus[]).map((key) => (
                        <option key={key} value={key}>
                          {statusLabels[key]}
                        </option>
                      ))}
                    </NativeSelect>
                  </div>
                ) : group === "price" ? (
                  <div className="grid gap-2">
                    <Label htmlFor="merge-price">Merged price ({conflict.currency})</Label>
                    <Input
                      id="merge-price"
                      inputMode="decimal"
                      value={price}
                      onChange={(e) => setPrice(e.target.value)}
                    />
                  </div>
                ) : (
                  <>
                    <div className="grid gap-2">
                      <Label htmlFor="merge-title">Merged title</Label>
                      <Input id="merge-title" value={title} onChange={(e) => setTitle(e.target.value)} />
                    </div>
                    <div className="grid gap-2">
                      <Label htmlFor="merge-description">Merged description</Label>
                      <textarea
                        id="merge-description"
                        className="min-h-20 rounded-md border bg-transparent px-3 py-2 text-sm"
                        value={description}
                        onChange={(e) => setDescription(e.target.value)}
                      />
                    </div>
                  </>
                )}
                {error ? (
                  <p className="text-sm text-destructive" role="alert">
                    {error}
                  </p>
                ) : null}
                <div>
                  <Button disabled={resolve.isPending} onClick={handleMerge}>
                    {pushed ? "Push merged value" : "Save merged value to master"}
                  </Button>
                </div>
              </div>
            ) : null}
          </div>
        ) : (
          <p className="text-sm text-muted-foreground">Your role can look at conflicts but not resolve them.</p>
        )}
      </CardContent>
    </Card>
  );
}
