"use client";

import { CheckIcon, CopyIcon } from "lucide-react";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

export function CopyLinkField({ link, label }: { link: string; label: string }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);

  const handleCopy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
      toast.success("Invitation link copied");
      setTimeout(() => setCopied(false), 2000);
    } catch {
      // Clipboard access needs a secure context; selecting lets the user copy by hand.
      inputRef.current?.select();
      toast.message("Press Ctrl+C (⌘C on Mac) to copy the selected link");
    }
  };

  return (
    <div className="flex w-full items-center gap-2">
      <Input
        ref={inputRef}
        readOnly
        value={link}
        aria-label={label}
        data-testid="invite-link"
        className="h-8 font-mono text-xs"
        onFocus={(event) => event.currentTarget.select()}
      />
      <Button
        type="button"
        variant="outline"
        size="icon-sm"
        onClick={() => void handleCopy()}
        aria-label={`Copy ${label}`}
      >
        {copied ? <CheckIcon /> : <CopyIcon />}
      </Button>
    </div>
  );
}
