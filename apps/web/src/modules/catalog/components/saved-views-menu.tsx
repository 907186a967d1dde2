"use client";

import { BookmarkIcon, Trash2Icon } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useSavedViews, type SavedView, type ViewState } from "../hooks/use-saved-views";
import { ToolbarPopover } from "./toolbar-popover";

/** The user's named filter views: apply one, save the current filters as one, delete one. */
export function SavedViewsMenu({
  currentState,
  onApply,
}: {
  currentState: () => ViewState;
  onApply: (view: SavedView) => void;
}) {
  const { views, saveView, deleteView, saving } = useSavedViews();
  const [name, setName] = useState("");

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    const existing = views.find((view) => view.name.toLowerCase() === trimmed.toLowerCase());
    await saveView(trimmed, currentState(), existing?.id);
    setName("");
  };

  return (
    <ToolbarPopover label="Views" icon={<BookmarkIcon aria-hidden />} align="end" className="w-72">
      <div className="grid gap-3">
        <ul className="grid gap-0.5" aria-label="Saved views">
          {views.length === 0 ? <li className="px-1 text-sm text-muted-foreground">No saved views yet</li> : null}
          {views.map((view) => (
            <li key={view.id} className="flex items-center gap-1">
              <Button variant="ghost" size="sm" className="flex-1 justify-start truncate" onClick={() => onApply(view)}>
                {view.name}
              </Button>
              <Button
                variant="ghost"
                size="icon-sm"
                aria-label={`Delete view ${view.name}`}
                onClick={() => deleteView(view.id)}
              >
                <Trash2Icon aria-hidden />
              </Button>
            </li>
          ))}
        </ul>
        <form className="flex gap-2 border-t pt-3" onSubmit={(event) => void handleSubmit(event)}>
          <Input
            value={name}
            onChange={(event) => setName(event.target.value)}
            placeholder="Name these filters"
            aria-label="View name"
            className="h-8"
            maxLength={80}
          />
          <Button type="submit" size="sm" disabled={saving || !name.trim()}>
            Save
          </Button>
        </form>
      </div>
    </ToolbarPopover>
  );
}
