import type { Metadata } from "next";
import { ProductEditorPage } from "@/modules/catalog/editor/product-editor";
import { ConflictHistory } from "@/modules/conflicts/components/conflict-history";
import { ProductChannelsSection } from "@/modules/listings/components/product-channels-section";

export const metadata: Metadata = { title: "Product" };

export default async function ProductPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <div className="grid gap-6 pb-16">
      <ProductEditorPage productId={id} />
      <ProductChannelsSection productId={id} />
      <ConflictHistory productId={id} />
    </div>
  );
}
