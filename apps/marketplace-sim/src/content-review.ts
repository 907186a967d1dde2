import { type SimContext } from "./context";
import { SimError } from "./errors";
import { type ShopEvents } from "./events";
import { type ContentEdit, type Product, type Shop } from "./store/types";
import { type Delivery } from "./webhooks/dispatcher";

/** TikTok `changed_fields` names for our content fields. */
const changedFieldNames: Record<keyof ContentEdit, string> = {
  title: "title",
  description: "description",
  images: "main_images",
};

/**
 * TikTok reviews content edits (title, description, images) of a live product: the edit becomes a
 * new version under review while the live product keeps the old one; approval makes it live and
 * sends type 15 (product information change, with the edit's `change_source`); a rejection leaves
 * the old version live and sends type 5 (product status) carrying the reason. Price and inventory
 * edits skip review. Shopee has no review here: its edits go live at once and only bump
 * `update_time` (there is no push for content edits).
 */
export class ContentReview {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly ctx: SimContext,
    private readonly events: ShopEvents,
  ) {}

  /** Applies a content edit, or holds it for review when the shop reviews content. */
  submit(shop: Shop, product: Product, edit: ContentEdit, source: "SELLER_CENTER" | "OPEN_API"): Delivery[] {
    const fields = (Object.keys(edit) as (keyof ContentEdit)[]).filter((key) => edit[key] !== undefined);
    if (fields.length === 0) return [];
    const review = shop.platform === "tiktok" ? shop.contentReview : undefined;
    if (review?.enabled) {
      // A newer edit replaces the one waiting (TikTok reviews the latest version).
      const pending = { ...(product.review?.status === "AUDITING" ? product.review.pending : {}), ...edit };
      product.review = { status: "AUDITING", reasons: [], pending, source, submittedAt: this.ctx.store.now() };
      this.schedule(shop, product, review.autoApproveMs);
      return [];
    }
    this.apply(product, edit);
    this.ctx.store.touch(product);
    return this.events.productChanged(
      shop,
      product,
      fields.map((field) => changedFieldNames[field]),
      source,
    );
  }

  approve(shop: Shop, productId: string): Delivery[] {
    const product = this.underReview(shop, productId);
    const pending = product.review?.pending ?? {};
    const source = product.review?.source ?? "SELLER_CENTER";
    this.clearTimer(product.id);
    this.apply(product, pending);
    product.review = { status: "APPROVED", reasons: [], pending: null, source, submittedAt: this.ctx.store.now() };
    this.ctx.store.touch(product);
    const fields = (Object.keys(pending) as (keyof ContentEdit)[]).map((field) => changedFieldNames[field]);
    return this.events.productChanged(shop, product, fields, source);
  }

  reject(shop: Shop, productId: string, reason: string): Delivery[] {
    const product = this.underReview(shop, productId);
    this.clearTimer(product.id);
    product.review = {
      status: "FAILED",
      reasons: [reason],
      pending: null,
      source: product.review?.source ?? "SELLER_CENTER",
      submittedAt: this.ctx.store.now(),
    };
    this.ctx.store.touch(product);
    return this.events.productStatus(shop, product, reason);
  }

  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private apply(product: Product, edit: ContentEdit): void {
    if (edit.title !== undefined) product.title = edit.title;
    if (edit.description !== undefined) product.description = edit.description;
    if (edit.images !== undefined) product.images = [...edit.images];
  }

  private underReview(shop: Shop, productId: string): Product {
    const product = this.ctx.store.requireProduct(shop, productId);
    if (product.review?.status !== "AUDITING")
      throw new SimError(409, `Product ${productId} has no content edit waiting for review`);
    return product;
  }

  private schedule(shop: Shop, product: Product, delayMs: number | null): void {
    this.clearTimer(product.id);
    if (delayMs === null) return;
    const timer = setTimeout(() => {
      this.timers.delete(product.id);
      if (product.review?.status === "AUDITING") this.approve(shop, product.id);
    }, delayMs);
    timer.unref();
    this.timers.set(product.id, timer);
  }

  private clearTimer(productId: string): void {
    const timer = this.timers.get(productId);
    if (timer) clearTimeout(timer);
    this.timers.delete(productId);
  }
}
