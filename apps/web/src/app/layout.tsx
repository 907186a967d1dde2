import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { TrpcProvider } from "@/components/providers/trpc-provider";
import { Toaster } from "@/components/ui/sonner";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "SyncStore", template: "%s · SyncStore" },
  description: "One catalog, every marketplace.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-svh font-sans">
        <TrpcProvider>{children}</TrpcProvider>
        <Toaster position="bottom-right" richColors closeButton />
      </body>
    </html>
  );
}
