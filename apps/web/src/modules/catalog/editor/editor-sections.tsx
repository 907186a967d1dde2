"use client";

import { ArrowDownIcon, ArrowUpIcon, ImageIcon, PlusIcon, Trash2Icon, XIcon } from "lucide-react";
import { useState, type KeyboardEvent } from "react";
import { Controller, useFieldArray, useWatch, type UseFormReturn } from "react-hook-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { cn } from "@/lib/utils";
import type { ProductFormValues } from "./product-form";

type Form = UseFormReturn<ProductFormValues>;

const textareaClass =
  "min-h-28 w-full rounded-md border border-input bg-transparent px-3 py-2 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 aria-invalid:border-destructive";

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p id={`${id}-error`} role="alert" className="text-xs text-destructive">
      {message}
    </p>
  ) : null;
}

export function DetailsSection({
  form,
  categories,
  disabled,
}: {
  form: Form;
  categories: { id: string; path: string }[];
  disabled: boolean;
}) {
  const { errors } = form.formState;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Details</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4 sm:grid-cols-2">
        <Field id="product-title" label="Title" error={errors.title?.message} className="sm:col-span-2">
          <Input
            {...fieldControlProps("product-title", errors.title?.message)}
            disabled={disabled}
            {...form.register("title")}
          />
        </Field>
        <Field
          id="product-description"
          label="Description"
          error={errors.description?.message}
          className="sm:col-span-2"
        >
          <textarea
            {...fieldControlProps("product-description", errors.description?.message)}
            className={textareaClass}
            disabled={disabled}
            {...form.register("description")}
          />
        </Field>
        <Field id="product-brand" label="Brand" error={errors.brand?.message}>
          <Input
            {...fieldControlProps("product-brand", errors.brand?.message)}
            disabled={disabled}
            {...form.register("brand")}
          />
        </Field>
        <Field id="product-category" label="Category" error={errors.categoryId?.message}>
          <NativeSelect
            {...fieldControlProps("product-category", errors.categoryId?.message)}
            disabled={disabled}
            {...form.register("categoryId")}
          >
            <option value="">No category</option>
            {categories.map((category) => (
              <option key={category.id} value={category.id}>
                {category.path}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Field id="product-status" label="Status" error={errors.status?.message}>
          <NativeSelect
            {...fieldControlProps("product-status", errors.status?.message)}
            disabled={disabled}
            {...form.register("status")}
          >
            <option value="draft">Draft</option>
            <option value="active">Active</option>
            <option value="archived">Archived</option>
          </NativeSelect>
        </Field>
        <Controller
          control={form.control}
          name="tags"
          render={({ field, fieldState }) => (
            <TagsInput
              value={field.value}
              onChange={field.onChange}
              disabled={disabled}
              error={fieldState.error?.message ?? errors.tags?.find?.((e) => e?.message)?.message}
            />
          )}
        />
      </CardContent>
    </Card>
  );
}

function TagsInput({
  value,
  onChange,
  disabled,
  error,
}: {
  value: string[];
  onChange: (tags: string[]) => void;
  disabled: boolean;
  error: string | undefined;
}) {
  const [draft, setDraft] = useState("");
  const add = () => {
    const tags = draft
      .split(",")
      .map((tag) => tag.trim())
      .filter(Boolean);
    if (tags.length) onChange([...new Set([...value, ...tags])]);
    setDraft("");
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter" || event.key === ",") {
      event.preventDefault();
      add();
    } else if (event.key === "Backspace" && !draft && value.length) {
      onChange(value.slice(0, -1));
    }
  };
  return (
    <Field id="product-tags" label="Tags" error={error} description="Press Enter or comma to add a tag.">
      <div className="grid gap-2">
        {value.length ? (
          <ul className="flex flex-wrap gap-1" aria-label="Selected tags">
            {value.map((tag) => (
              <li key={tag}>
                <Badge variant="secondary" className="gap-1">
                  {tag}
                  <button
                    type="button"
                    aria-label={`Remove tag ${tag}`}
                    disabled={disabled}
                    onClick={() => onChange(value.filter((t) => t !== tag))}
                  >
                    <XIcon className="size-3" aria-hidden />
                  </button>
                </Badge>
              </li>
            ))}
          </ul>
        ) : null}
        <Input
          {...fieldControlProps("product-tags", error, true)}
          value={draft}
          disabled={disabled}
          placeholder="summer, linen"
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
          onBlur={add}
        />
      </div>
    </Field>
  );
}

function MoveButtons({
  index,
  count,
  label,
  onMove,
  disabled,
}: {
  index: number;
  count: number;
  label: string;
  onMove: (from: number, to: number) => void;
  disabled: boolean;
}) {
  return (
    <>
      <Button
        type="button"
        variant="ghost"
        size="icon-sm"
        aria-label={`Move ${label} up`}
        disabled={disabled || index === 0}
        onClick={() => onMove(index, index - 1)}
      >
        <ArrowUpIcon aria-hidden />
      </Button>
      <Button
        type="button"
        variant="ghost"
        size="icon-sm"
        aria-label={`Move ${label} down`}
        disabled={disabled || index === count - 1}
        onClick={() => onMove(index, index + 1)}
      >
        <ArrowDownIcon aria-hidden />
      </Button>
    </>
  );
}

export { MoveButtons };

export function ImagesSection({ form, disabled }: { form: Form; disabled: boolean }) {
  const images = useFieldArray({ control: form.control, name: "images" });
  const urls = useWatch({ control: form.control, name: "images" });
  const [draft, setDraft] = useState("");
  const { errors } = form.formState;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Images</CardTitle>
        <CardDescription>Image URLs in display order; the first is the main image.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {images.fields.length === 0 ? <p className="text-sm text-muted-foreground">No images yet.</p> : null}
        <ol className="grid gap-2">
          {images.fields.map((field, index) => {
            const error = errors.images?.[index]?.url?.message;
            const url = urls?.[index]?.url ?? "";
            return (
              <li key={field.id} className="grid gap-1">
                <div className="flex items-center gap-2">
                  <Thumbnail url={url} />
                  <Input
                    {...fieldControlProps(`image-${index}`, error)}
                    aria-label={`Image ${index + 1} URL`}
                    disabled={disabled}
                    {...form.register(`images.${index}.url`)}
                  />
                  <MoveButtons
                    index={index}
                    count={images.fields.length}
                    label={`image ${index + 1}`}
                    onMove={images.move}
                    disabled={disabled}
                  />
                  <Button
                    type="button"
                    variant="ghost"
                    size="icon-sm"
                    aria-label={`Remove image ${index + 1}`}
                    disabled={disabled}
                    onClick={() => images.remove(index)}
                  >
                    <Trash2Icon aria-hidden />
                  </Button>
                </div>
                <FieldError id={`image-${index}`} message={error} />
              </li>
            );
          })}
        </ol>
        <div className="flex gap-2">
          <Input
            aria-label="New image URL"
            placeholder="https://…"
            value={draft}
            disabled={disabled}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                event.preventDefault();
                if (draft.trim()) images.append({ url: draft.trim() });
                setDraft("");
              }
            }}
          />
          <Button
            type="button"
            variant="outline"
            disabled={disabled || !draft.trim()}
            onClick={() => {
              images.append({ url: draft.trim() });
              setDraft("");
            }}
          >
            <PlusIcon aria-hidden />
            Add image
          </Button>
        </div>
        <FieldError id="images" message={errors.images?.message ?? errors.images?.root?.message} />
      </CardContent>
    </Card>
  );
}

function Thumbnail({ url }: { url: string }) {
  const [failed, setFailed] = useState<string | null>(null);
  const valid = /^https?:\/\//i.test(url) && failed !== url;
  return (
    <div
      className={cn("flex size-10 shrink-0 items-center justify-center overflow-hidden rounded border bg-muted")}
      aria-hidden
    >
      {valid ? (
        // eslint-disable-next-line @next/next/no-img-element -- arbitrary external URLs, no optimisation wanted
        <img src={url} alt="" className="size-full object-cover" onError={() => setFailed(url)} />
      ) : (
        <ImageIcon className="size-4 text-muted-foreground" />
      )}
    </div>
  );
}

export function AttributesSection({ form, disabled }: { form: Form; disabled: boolean }) {
  const attributes = useFieldArray({ control: form.control, name: "attributes" });
  const { errors } = form.formState;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Attributes</CardTitle>
        <CardDescription>Name and value pairs such as Material: Linen.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-2">
        {attributes.fields.length === 0 ? <p className="text-sm text-muted-foreground">No attributes.</p> : null}
        {attributes.fields.map((field, index) => {
          const keyError = errors.attributes?.[index]?.key?.message;
          const valueError = errors.attributes?.[index]?.value?.message;
          return (
            <div key={field.id} className="grid grid-cols-[1fr_2fr_auto] items-start gap-2">
              <div className="grid gap-1">
                <Input
                  {...fieldControlProps(`attribute-${index}-key`, keyError)}
                  aria-label={`Attribute ${index + 1} name`}
                  placeholder="Name"
                  disabled={disabled}
                  {...form.register(`attributes.${index}.key`)}
                />
                <FieldError id={`attribute-${index}-key`} message={keyError} />
              </div>
              <div className="grid gap-1">
                <Input
                  {...fieldControlProps(`attribute-${index}-value`, valueError)}
                  aria-label={`Attribute ${index + 1} value`}
                  placeholder="Value"
                  disabled={disabled}
                  {...form.register(`attributes.${index}.value`)}
                />
                <FieldError id={`attribute-${index}-value`} message={valueError} />
              </div>
              <Button
                type="button"
                variant="ghost"
                size="icon-sm"
                aria-label={`Remove attribute ${index + 1}`}
                disabled={disabled}
                onClick={() => attributes.remove(index)}
              >
                <Trash2Icon aria-hidden />
              </Button>
            </div>
          );
        })}
        <div>
          <Button
            type="button"
            variant="outline"
            size="sm"
            disabled={disabled}
            onClick={() => attributes.append({ key: "", value: "" })}
          >
            <PlusIcon aria-hidden />
            Add attribute
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}
