"use client";

import { REALTIME_PATH, type ClientToServerEvents, type ServerToClientEvents } from "@syncstore/realtime/events";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { io, type Socket } from "socket.io-client";

export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type RealtimeStatus = "connecting" | "live" | "offline";

type RealtimeState = { socket: RealtimeSocket | null; status: RealtimeStatus };

const RealtimeContext = createContext<RealtimeState>({ socket: null, status: "offline" });

/**
 * One socket.io connection to the gateway per organization: the handshake joins the room of the
 * session's active organization, so switching organization means a new connection.
 */
export function RealtimeProvider({
  gatewayUrl,
  organizationId,
  children,
}: {
  gatewayUrl: string;
  organizationId: string | null;
  children: ReactNode;
}) {
  const [state, setState] = useState<RealtimeState>({ socket: null, status: "connecting" });

  useEffect(() => {
    if (!organizationId) return;
    const socket: RealtimeSocket = io(gatewayUrl, {
      path: REALTIME_PATH,
      withCredentials: true,
      // Lets the server and logs tell which organization the client expected to join.
      query: { organizationId },
    });
    socket.on("connect", () => setState({ socket, status: "live" }));
    socket.on("disconnect", () => setState({ socket, status: socket.active ? "connecting" : "offline" }));
    socket.on("connect_error", () => setState({ socket, status: socket.active ? "connecting" : "offline" }));
    return () => {
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [gatewayUrl, organizationId]);

  return <RealtimeContext.Provider value={state}>{children}</RealtimeContext.Provider>;
}

export function useRealtimeContext(): RealtimeState {
  return useContext(RealtimeContext);
}
