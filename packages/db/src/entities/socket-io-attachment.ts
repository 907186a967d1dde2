import { defineEntity, p, type InferEntity } from "@mikro-orm/core";

/**
 * Used by @socket.io/postgres-adapter for packets too large for NOTIFY (and cleaned by it).
 * Declared here so the table comes from a migration like every other.
 */
export const SocketIoAttachment = defineEntity({
  name: "SocketIoAttachment",
  tableName: "socket_io_attachments",
  properties: {
    id: p.bigint("string").primary().autoincrement(),
    createdAt: p.datetime().defaultRaw("now()").index(),
    payload: p.blob(),
  },
});
export type SocketIoAttachment = InferEntity<typeof SocketIoAttachment>;
