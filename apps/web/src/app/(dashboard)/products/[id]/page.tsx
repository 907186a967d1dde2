import type { Metadata } from "next";
import { ProductEditorPage } from "@/modules/catalog/editor/product-editor";

export const metadata: Metadata = { title: "Product" };

export default async function ProductPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ProductEditorPage productId={id} />;
}
