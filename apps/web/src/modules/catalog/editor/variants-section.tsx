"use client";

import { PlusIcon, Trash2Icon } from "lucide-react";
import { useFieldArray, type UseFormReturn } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { fieldControlProps } from "@/components/ui/field";
import { FieldError, MoveButtons } from "./editor-sections";
import { emptyVariant, type ProductFormValues, type VariantFormValues } from "./product-form";

type Form = UseFormReturn<ProductFormValues>;

const columns: {
  field: keyof Omit<VariantFormValues, "id" | "version" | "optionValues">;
  label: string;
  width: string;
}[] = [
  { field: "sku", label: "SKU", width: "min-w-36" },
  { field: "price", label: "Price", width: "min-w-24" },
  { field: "compareAtPrice", label: "Compare-at", width: "min-w-24" },
  { field: "cost", label: "Cost", width: "min-w-24" },
  { field: "barcode", label: "Barcode", width: "min-w-32" },
  { field: "weightGrams", label: "Weight (g)", width: "min-w-20" },
  { field: "stockOnHand", label: "Stock", width: "min-w-20" },
];

/** Option names (colour, size…), then one row per variant with its option values and fields. */
export function VariantsSection({
  form,
  currency,
  disabled,
  onRemoveVariant,
}: {
  form: Form;
  currency: string;
  disabled: boolean;
  onRemoveVariant: (id: string) => void;
}) {
  const options = useFieldArray({ control: form.control, name: "optionNames" });
  const variants = useFieldArray({ control: form.control, name: "variants" });
  const { errors } = form.formState;

  // Option values live in each variant's `optionValues`, aligned with `optionNames`.
  const reshapeValues = (reshape: (values: string[]) => string[]) => {
    form.getValues("variants").forEach((variant, index) => {
      form.setValue(`variants.${index}.optionValues`, reshape([...variant.optionValues]), { shouldDirty: true });
    });
  };
  const addOption = () => {
    options.append({ name: "" });
    reshapeValues((values) => [...values, ""]);
  };
  const removeOption = (index: number) => {
    options.remove(index);
    reshapeValues((values) => values.filter((_, i) => i !== index));
  };
  const moveOption = (from: number, to: number) => {
    options.move(from, to);
    reshapeValues((values) => {
      const [moved] = values.splice(from, 1);
      values.splice(to, 0, moved ?? "");
      return values;
    });
  };
  const removeVariant = (index: number) => {
    const id = form.getValues(`variants.${index}.id`);
    if (id) onRemoveVariant(id);
    variants.remove(index);
  };
  const optionNames = form.watch("optionNames");

  return (
    <Card>
      <CardHeader>
        <CardTitle>Variants</CardTitle>
        <CardDescription>
          One row per sellable SKU. Prices in {currency}; stock is the quantity on hand.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <div className="grid gap-2">
          <p className="text-sm font-medium">Options</p>
          {options.fields.length === 0 ? (
            <p className="text-sm text-muted-foreground">No options: add one such as Colour or Size.</p>
          ) : null}
          {options.fields.map((field, index) => {
            const error = errors.optionNames?.[index]?.name?.message;
            return (
              <div key={field.id} className="grid gap-1">
                <div className="flex items-center gap-2">
                  <Input
                    {...fieldControlProps(`option-${index}`, error)}
                    aria-label={`Option ${index + 1} name`}
                    placeholder="Colour"
                    className="max-w-xs"
                    disabled={disabled}
                    {...form.register(`optionNames.${index}.name`)}
                  />
                  <MoveButtons
                    index={index}
                    count={options.fields.length}
                    label={`option ${index + 1}`}
                    onMove={moveOption}
                    disabled={disabled}
                  />
                  <Button
                    type="button"
                    variant="ghost"
                    size="icon-sm"
                    aria-label={`Remove option ${index + 1}`}
                    disabled={disabled}
                    onClick={() => removeOption(index)}
                  >
                    <Trash2Icon aria-hidden />
                  </Button>
                </div>
                <FieldError id={`option-${index}`} message={error} />
              </div>
            );
          })}
          <div>
            <Button
              type="button"
              variant="outline"
              size="sm"
              disabled={disabled || options.fields.length >= 5}
              onClick={addOption}
            >
              <PlusIcon aria-hidden />
              Add option
            </Button>
          </div>
        </div>

        <div className="overflow-x-auto rounded-md border">
          <table className="w-full text-sm" aria-label="Variants">
            <thead className="bg-muted/50 text-left text-xs text-muted-foreground">
              <tr>
                <th className="px-2 py-2 font-medium">#</th>
                {optionNames.map((option, index) => (
                  <th key={index} className="min-w-28 px-2 py-2 font-medium">
                    {option.name || `Option ${index + 1}`}
                  </th>
                ))}
                {columns.map((column) => (
                  <th key={column.field} className={`${column.width} px-2 py-2 font-medium`}>
                    {column.label}
                  </th>
                ))}
                <th className="px-2 py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {variants.fields.map((field, index) => (
                <tr key={field.id} className="border-t align-top" data-testid={`variant-row-${index}`}>
                  <td className="px-2 py-2 text-muted-foreground">{index + 1}</td>
                  {optionNames.map((option, optionIndex) => (
                    <td key={optionIndex} className="px-1 py-1">
                      <Input
                        aria-label={`Variant ${index + 1} ${option.name || `option ${optionIndex + 1}`}`}
                        className="h-8"
                        disabled={disabled}
                        {...form.register(`variants.${index}.optionValues.${optionIndex}`)}
                      />
                    </td>
                  ))}
                  {columns.map((column) => {
                    const id = `variant-${index}-${column.field}`;
                    const error = errors.variants?.[index]?.[column.field]?.message;
                    return (
                      <td key={column.field} className="px-1 py-1">
                        <Input
                          {...fieldControlProps(id, error)}
                          aria-label={`Variant ${index + 1} ${column.label}`}
                          inputMode={column.field === "sku" || column.field === "barcode" ? undefined : "decimal"}
                          className="h-8"
                          disabled={disabled}
                          {...form.register(`variants.${index}.${column.field}`)}
                        />
                        <FieldError id={id} message={error} />
                      </td>
                    );
                  })}
                  <td className="px-1 py-1">
                    <div className="flex">
                      <MoveButtons
                        index={index}
                        count={variants.fields.length}
                        label={`variant ${index + 1}`}
                        onMove={variants.move}
                        disabled={disabled}
                      />
                      <Button
                        type="button"
                        variant="ghost"
                        size="icon-sm"
                        aria-label={`Remove variant ${index + 1}`}
                        disabled={disabled || variants.fields.length === 1}
                        onClick={() => removeVariant(index)}
                      >
                        <Trash2Icon aria-hidden />
                      </Button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <FieldError id="variants" message={errors.variants?.message ?? errors.variants?.root?.message} />
        <div>
          <Button
            type="button"
            variant="outline"
            size="sm"
            disabled={disabled}
            onClick={() => variants.append(emptyVariant(optionNames.length))}
          >
            <PlusIcon aria-hidden />
            Add variant
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}
