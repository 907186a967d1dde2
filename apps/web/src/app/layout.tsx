import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { TrpcProvider } from "@/components/providers/trpc-provider";
import { Toaster } from "@/components/ui/sonner";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "SyncStore", template: "%s · SyncStore" },
  description: "One catalog, every marketplace.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Reading the request makes every page render per request, so each gets its CSP nonce.
  await headers();
  return (
    <html lang="en">
      <body className="min-h-svh font-sans">
        <TrpcProvider>{children}</TrpcProvider>
        <Toaster position="bottom-right" richColors closeButton />
      </body>
    </html>
  );
}
