"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { ToolbarPopover } from "./toolbar-popover";

/** A set filter (the Community grid has none): tick the values to keep, with a search for long lists. */
export function SetFilter({
  label,
  options,
  selected,
  onChange,
}: {
  label: string;
  options: { value: string; label: string }[];
  selected: string[];
  onChange: (values: string[]) => void;
}) {
  const [search, setSearch] = useState("");
  const visible = options.filter((option) => option.label.toLowerCase().includes(search.trim().toLowerCase()));
  const toggle = (value: string, checked: boolean) =>
    onChange(checked ? [...selected, value] : selected.filter((item) => item !== value));

  return (
    <ToolbarPopover label={label} count={selected.length}>
      <div className="grid gap-2">
        {options.length > 8 ? (
          <Input
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            placeholder={`Find ${label.toLowerCase()}…`}
            aria-label={`Find ${label.toLowerCase()}`}
            className="h-8"
          />
        ) : null}
        <fieldset className="grid max-h-64 gap-0.5 overflow-y-auto" aria-label={label}>
          {visible.length === 0 ? <p className="px-1 py-2 text-sm text-muted-foreground">Nothing to choose</p> : null}
          {visible.map((option) => (
            <label
              key={option.value}
              className="flex cursor-pointer items-center gap-2 rounded px-1.5 py-1 text-sm hover:bg-accent"
            >
              <input
                type="checkbox"
                className="size-3.5 accent-primary"
                checked={selected.includes(option.value)}
                onChange={(event) => toggle(option.value, event.target.checked)}
              />
              <span className="truncate">{option.label}</span>
            </label>
          ))}
        </fieldset>
        {selected.length > 0 ? (
          <Button variant="ghost" size="sm" className="justify-self-start" onClick={() => onChange([])}>
            Clear
          </Button>
        ) : null}
      </div>
    </ToolbarPopover>
  );
}
