/** The publish form's own fields; every other error path points at the product. */
export const publishFormFields = ["categoryId", "brandId", "logisticsChannelId", "warehouseId"] as const;
export type PublishFormField = (typeof publishFormFields)[number];

const productFieldLabels: Record<string, string> = {
  title: "Title",
  description: "Description",
  images: "Images",
  variants: "Variants",
};
const variantFieldLabels: Record<string, string> = {
  weightGrams: "weight",
  price: "price",
  options: "options",
  sku: "SKU",
};

/** "variants.1.weightGrams" → "Variant 2 weight"; "images" → "Images". */
export function productFieldLabel(path: string): string {
  const [head, index, field] = path.split(".");
  if (head === "variants" && index !== undefined && field)
    return `Variant ${Number(index) + 1} ${variantFieldLabels[field] ?? field}`;
  return productFieldLabels[head ?? ""] ?? path;
}

/** Splits server field errors into the form's fields and problems to fix on the product. */
export function splitPublishErrors(fieldErrors: Record<string, string[]>): {
  form: Partial<Record<PublishFormField, string>>;
  product: { path: string; label: string; message: string }[];
} {
  const form: Partial<Record<PublishFormField, string>> = {};
  const product: { path: string; label: string; message: string }[] = [];
  for (const [path, messages] of Object.entries(fieldErrors)) {
    const message = messages[0];
    if (!message) continue;
    if ((publishFormFields as readonly string[]).includes(path)) form[path as PublishFormField] = message;
    else product.push({ path, label: productFieldLabel(path), message });
  }
  return { form, product };
}
