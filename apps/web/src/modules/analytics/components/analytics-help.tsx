"use client";

import { metricFormulas, salesDefinitions } from "@syncstore/domain";
import { CircleHelpIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";

/** The written definitions behind every figure on the page. */
export function AnalyticsHelp() {
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          <CircleHelpIcon aria-hidden /> Definitions
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-2xl">
        <DialogHeader>
          <DialogTitle>How the figures are computed</DialogTitle>
          <DialogDescription>
            Sales come from your orders on every shop; traffic from the marketplaces.
          </DialogDescription>
        </DialogHeader>
        <ul className="grid list-disc gap-2 pl-5 text-sm">
          {[...Object.values(salesDefinitions), ...Object.values(metricFormulas)].map((text) => (
            <li key={text}>{text}</li>
          ))}
          <li>
            TikTok Shop reports analytics a day behind (up to its latest available date); the freshness stamp of each
            section says how recent its figures are.
          </li>
        </ul>
      </DialogContent>
    </Dialog>
  );
}
