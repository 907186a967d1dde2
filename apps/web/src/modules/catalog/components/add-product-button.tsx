"use client";

import { PlusIcon } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";

/** Opens the product editor for a new product. */
export function AddProductButton() {
  return (
    <Button asChild size="sm" variant="outline">
      <Link href="/products/new">
        <PlusIcon aria-hidden />
        Add product
      </Link>
    </Button>
  );
}
