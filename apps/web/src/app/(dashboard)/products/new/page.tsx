import type { Metadata } from "next";
import { ProductEditorPage } from "@/modules/catalog/editor/product-editor";

export const metadata: Metadata = { title: "New product" };

export default function NewProductPage() {
  return <ProductEditorPage productId={null} />;
}
