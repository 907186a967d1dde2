"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { organizationNameSchema } from "@syncstore/domain";
import { Loader2Icon } from "lucide-react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { getErrorDetails } from "@/lib/errors";
import { trpc } from "@/lib/trpc/react";
import { useSwitchOrganization } from "../hooks/use-switch-organization";

const createOrganizationSchema = z.object({ name: organizationNameSchema });

export function CreateOrganizationDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const form = useForm({ resolver: zodResolver(createOrganizationSchema), defaultValues: { name: "" } });
  const switchOrganization = useSwitchOrganization();
  const create = trpc.organization.create.useMutation();
  const nameError = form.formState.errors.name?.message;
  const pending = create.isPending || switchOrganization.isPending;

  const handleSubmit = form.handleSubmit(async (values) => {
    try {
      const created = await create.mutateAsync(values);
      await switchOrganization.mutateAsync({ organizationId: created.id });
      toast.success(`Created ${values.name}`);
      form.reset();
      onOpenChange(false);
    } catch (error) {
      const details = getErrorDetails(error);
      form.setError("name", {
        message:
          details.fieldErrors.name?.[0] ??
          (details.requestId ? `${details.message} (request ${details.requestId})` : details.message),
      });
    }
  });

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <form onSubmit={handleSubmit} noValidate className="grid gap-4">
          <DialogHeader>
            <DialogTitle>Create organization</DialogTitle>
            <DialogDescription>
              An organization holds its own catalog, channels and team. You will be its owner.
            </DialogDescription>
          </DialogHeader>
          <Field id="organization-name" label="Name" error={nameError}>
            <Input {...fieldControlProps("organization-name", nameError)} autoFocus {...form.register("name")} />
          </Field>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? <Loader2Icon className="animate-spin" aria-hidden /> : null}
              Create
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
