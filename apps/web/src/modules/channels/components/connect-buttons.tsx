"use client";

import { PlugIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useStartConnect } from "../hooks/use-channel-actions";
import { platformLabels, type Platform } from "../utils/connection-display";

const platforms: Platform[] = ["shopee", "tiktok"];

/** "Connect Shopee" / "Connect TikTok Shop": off to the marketplace's authorization page. */
export function ConnectButtons() {
  const start = useStartConnect();
  // After success the browser is leaving; keep the buttons disabled until it does.
  const busy = start.isPending || start.isSuccess;
  return (
    <>
      {platforms.map((platform) => (
        <Button
          key={platform}
          variant={platform === "shopee" ? "default" : "outline"}
          disabled={busy}
          onClick={() => start.mutate({ platform })}
        >
          <PlugIcon aria-hidden />
          Connect {platformLabels[platform]}
        </Button>
      ))}
    </>
  );
}
