import type { Metadata } from "next";
import { UnmatchedView } from "@/modules/listings/components/unmatched-view";

export const metadata: Metadata = { title: "Unmatched listings" };

export default async function UnmatchedListingsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <UnmatchedView connectionId={id} />;
}
