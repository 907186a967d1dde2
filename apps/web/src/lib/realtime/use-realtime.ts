"use client";

import type { RealtimeEventName, RealtimePayload } from "@syncstore/realtime/events";
import { useEffect, useRef } from "react";
import { useRealtimeContext } from "./realtime-provider";

/**
 * Calls `handler` for every `event` the gateway pushes to the active organization. The latest
 * handler is always used, so callers need not memoise it.
 */
export function useRealtime<E extends RealtimeEventName>(event: E, handler: (payload: RealtimePayload<E>) => void) {
  const { socket } = useRealtimeContext();
  const handlerRef = useRef(handler);

  useEffect(() => {
    handlerRef.current = handler;
  });

  useEffect(() => {
    if (!socket) return;
    const listener = (payload: RealtimePayload<E>) => handlerRef.current(payload);
    // socket.io's typed `on` cannot relate a generic event name to its listener; the event map
    // guarantees the payload type.
    const typedSocket = socket as unknown as {
      on(name: E, fn: typeof listener): void;
      off(name: E, fn: typeof listener): void;
    };
    typedSocket.on(event, listener);
    return () => typedSocket.off(event, listener);
  }, [socket, event]);
}
