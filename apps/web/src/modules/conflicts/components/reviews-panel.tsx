"use client";

import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { trpc } from "@/lib/trpc/react";

/** Listings whose content edit waits for the marketplace's review, or was refused with a reason. */
export function ReviewsPanel() {
  const reviews = trpc.conflicts.reviews.useQuery();
  if (!reviews.data || reviews.data.length === 0) return null;
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">Marketplace review</CardTitle>
      </CardHeader>
      <CardContent>
        <ul className="grid gap-2">
          {reviews.data.map((review) => (
            <li key={review.listingId} className="flex flex-wrap items-center gap-2 text-sm">
              <Badge variant={review.status === "pending" ? "secondary" : "destructive"}>
                {review.status === "pending" ? "Pending marketplace review" : "Rejected by the marketplace"}
              </Badge>
              <span className="font-medium">{review.productTitle ?? "Unlinked product"}</span>
              <span className="text-muted-foreground">on {review.connectionName}</span>
              {review.reasons.length ? (
                <span className="text-muted-foreground">: {review.reasons.join("; ")}</span>
              ) : null}
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
