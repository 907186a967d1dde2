"use client";

import { Building2Icon, ChevronsUpDownIcon, PlusIcon } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuCheckItem,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { useSwitchOrganization } from "../hooks/use-switch-organization";
import { CreateOrganizationDialog } from "./create-organization-dialog";

type OrganizationOption = { id: string; name: string; role: string };

export function OrganizationSwitcher({
  organizations,
  activeOrganization,
}: {
  organizations: OrganizationOption[];
  activeOrganization: { id: string; name: string } | null;
}) {
  const [createOpen, setCreateOpen] = useState(false);
  const switchOrganization = useSwitchOrganization();

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button
            variant="outline"
            className="h-9 max-w-[14rem] justify-between gap-2 sm:max-w-xs"
            aria-label="Switch organization"
            disabled={switchOrganization.isPending}
          >
            <Building2Icon className="text-muted-foreground" aria-hidden />
            <span className="truncate" data-testid="active-organization">
              {activeOrganization?.name ?? "No organization"}
            </span>
            <ChevronsUpDownIcon className="text-muted-foreground" aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start" className="w-64">
          <DropdownMenuLabel className="text-xs font-normal text-muted-foreground">Organizations</DropdownMenuLabel>
          {organizations.map((organization) => (
            <DropdownMenuCheckItem
              key={organization.id}
              checked={organization.id === activeOrganization?.id}
              onSelect={() => {
                if (organization.id !== activeOrganization?.id) {
                  switchOrganization.mutate({ organizationId: organization.id });
                }
              }}
            >
              <span className="flex min-w-0 flex-col">
                <span className="truncate">{organization.name}</span>
                <span className="text-xs text-muted-foreground capitalize">{organization.role}</span>
              </span>
            </DropdownMenuCheckItem>
          ))}
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => setCreateOpen(true)}>
            <PlusIcon aria-hidden />
            Create organization
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <CreateOrganizationDialog open={createOpen} onOpenChange={setCreateOpen} />
    </>
  );
}
