/** What the alert lists need to link an alert to the thing it is about. */
export interface AlertLinkInput {
  kind: string;
  subject: Record<string, unknown>;
  productId: string | null;
  connectionId: string | null;
}

const str = (value: unknown) => (typeof value === "string" && value.length > 0 ? value : null);

/**
 * Where an alert's subject lives: an order → its page, a variant → its product, a webhook event →
 * the webhook log (of its shop), a conflict → Conflicts, a shop connection → Channels.
 */
export function alertSubjectHref(alert: AlertLinkInput): { href: string; label: string } | null {
  const orderId = str(alert.subject.orderId);
  if (orderId) return { href: `/orders/${orderId}`, label: "Open the order" };
  if (alert.productId) return { href: `/products/${alert.productId}`, label: "Open the product" };
  const connectionId = alert.connectionId ?? str(alert.subject.connectionId);
  if (str(alert.subject.webhookEventId) || alert.kind.startsWith("webhook."))
    return { href: connectionId ? `/webhooks?shop=${connectionId}` : "/webhooks", label: "Open the webhook log" };
  if (alert.kind.startsWith("conflict.")) return { href: "/conflicts", label: "Open conflicts" };
  if (connectionId) return { href: "/channels", label: "Open channels" };
  return null;
}
