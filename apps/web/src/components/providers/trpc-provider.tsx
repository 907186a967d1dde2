"use client";

import { QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { httpBatchLink } from "@trpc/client";
import { useState, type ReactNode } from "react";
import superjson from "superjson";
import { getErrorDetails } from "@/lib/errors";
import { trpc } from "@/lib/trpc/react";
import { shouldRetryQuery } from "@/lib/trpc/retry";

/** A full page load on purpose: nothing cached for the expired session may survive. */
function redirectToSignIn(): void {
  const next = `${window.location.pathname}${window.location.search}`;
  window.location.replace(`/sign-in?next=${encodeURIComponent(next)}`);
}

export function TrpcProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        queryCache: new QueryCache({
          // An expired session shows up as UNAUTHORIZED on whatever query runs next.
          onError: (error) => {
            if (getErrorDetails(error).code === "UNAUTHORIZED") redirectToSignIn();
          },
        }),
        defaultOptions: {
          queries: { staleTime: 30_000, retry: shouldRetryQuery, refetchOnWindowFocus: false },
          mutations: { retry: false },
        },
      }),
  );
  const [trpcClient] = useState(() =>
    trpc.createClient({
      links: [httpBatchLink({ url: "/api/trpc", transformer: superjson, maxURLLength: 2000 })],
    }),
  );
  return (
    <trpc.Provider client={trpcClient} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </trpc.Provider>
  );
}
