import express, { type NextFunction, type Request, type Response, type Router } from "express";
import { z } from "zod";
import { type SimContext } from "../context";
import { SimError } from "../errors";
import { shopFaultsPatchSchema } from "../faults";
import { type SellerCentre } from "../seller-centre";
import { type Platform, platforms, type Shop, shopKeyOf } from "../store/types";

const platformSchema = z.enum(["shopee", "tiktok"]);
const createShopSchema = z.object({
  platform: platformSchema,
  name: z.string().max(120).optional(),
  region: z.string().length(2).optional(),
  products: z.number().int().min(0).max(500).optional(),
});
const variantSchema = z.object({
  sku: z.string().max(60),
  price: z.number().positive(),
  stock: z.number().int().min(0),
  tierIndex: z.array(z.number().int().min(0)).optional(),
});
const productSchema = z.object({
  title: z.string().min(1).max(255),
  description: z.string().max(5000).optional(),
  sku: z.string().max(60).optional(),
  tiers: z
    .array(z.object({ name: z.string().min(1), options: z.array(z.string().min(1)).min(1) }))
    .max(2)
    .optional(),
  variants: z.array(variantSchema).min(1),
});
const seedSchema = z.union([
  z.object({ count: z.number().int().min(1).max(500) }),
  z.object({ products: z.array(productSchema).min(1).max(500) }),
]);
const variantPatchSchema = z.object({
  price: z.number().positive().optional(),
  stock: z.number().int().min(0).optional(),
  /** Shopee promotion-reserved stock (`total_reserved_stock`). */
  reserved: z.number().int().min(0).optional(),
});
const cancelSchema = z.object({
  by: z.enum(["buyer", "seller", "system"]).optional(),
  reason: z.string().trim().min(1).max(200).optional(),
});
const sellerEditSchema = z
  .object({
    title: z.string().trim().min(1).max(255).optional(),
    description: z.string().max(10_000).optional(),
    images: z.array(z.string().min(1).max(1000)).min(1).max(9).optional(),
    options: z.record(z.string().min(1), z.array(z.string().trim().min(1).max(60)).min(1)).optional(),
    price: z.number().positive().optional(),
    variantId: z.string().optional(),
    status: z.enum(["active", "inactive"]).optional(),
  })
  .refine((edit) => Object.keys(edit).some((key) => key !== "variantId"), "Send at least one field to change");
const reviewSettingsSchema = z.object({
  enabled: z.boolean(),
  autoApproveMs: z.number().int().min(0).max(3_600_000).nullable().default(null),
});
const orderSchema = z.object({
  lines: z
    .array(
      z.object({
        productId: z.string(),
        variantId: z.string().optional(),
        quantity: z.number().int().min(1).default(1),
      }),
    )
    .min(1),
  paid: z.boolean().optional(),
  /** Backdates the order (created, paid and last updated) this many days; its webhooks still go out now. */
  daysAgo: z.number().int().min(0).max(365).optional(),
});
const targetsSchema = z.object({ shopee: z.url().nullable().optional(), tiktok: z.url().nullable().optional() });

type Handler = (req: Request, res: Response) => unknown;

/** Express 5 forwards thrown errors; this also turns SimError and zod errors into JSON answers. */
function route(handler: Handler) {
  return (req: Request, res: Response, next: NextFunction) => {
    try {
      const result = handler(req, res);
      if (!res.headersSent) res.json(result);
    } catch (err) {
      next(err);
    }
  };
}

export function adminErrorHandler(err: unknown, req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) {
    next(err);
    return;
  }
  if (err instanceof SimError) {
    res.status(err.status).json({
      error: {
        code: err.status === 404 ? "NOT_FOUND" : err.status === 409 ? "CONFLICT" : "BAD_REQUEST",
        message: err.message,
      },
      requestId: String(req.id),
    });
    return;
  }
  if (err instanceof z.ZodError) {
    const issue = err.issues[0];
    res.status(400).json({
      error: {
        code: "BAD_REQUEST",
        message: issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "Invalid request",
      },
      requestId: String(req.id),
    });
    return;
  }
  next(err);
}

/** The simulator's JSON admin API (mounted at /admin): tests and the admin UI drive the shops with it. */
export function adminApi(ctx: SimContext, seller: SellerCentre, reset: () => void): Router {
  const router = express.Router();
  router.use(express.json({ limit: "5mb" }));

  const shopOf = (req: Request): Shop =>
    ctx.store.requireShop(platformSchema.parse(req.params.platform), String(req.params.shopId));
  const keyOf = (shop: Shop) => shopKeyOf(shop.platform, shop.shopId);

  router.get(
    "/state",
    route(() => ({
      apps: {
        shopee: { partnerId: ctx.apps.shopee.partnerId },
        tiktok: {
          appKey: ctx.apps.tiktok.appKey,
          serviceId: ctx.apps.tiktok.serviceId,
          redirectUrl: ctx.apps.tiktok.redirectUrl,
        },
      },
      shops: ctx.store.listShops().map((shop) => ({
        ...shop,
        products: ctx.store.productsOf(shop).length,
        orders: ctx.store.ordersOf(shop).length,
      })),
      webhookTargets: ctx.dispatcher.getTargets(),
    })),
  );

  router.get(
    "/shops",
    route((req) => {
      const platform = req.query.platform ? platformSchema.parse(req.query.platform) : undefined;
      return { shops: ctx.store.listShops(platform) };
    }),
  );
  router.post(
    "/shops",
    route((req, res) => {
      const input = createShopSchema.parse(req.body);
      res.status(201);
      return { shop: seller.createShop(input.platform, input) };
    }),
  );
  router.get(
    "/shops/:platform/:shopId",
    route((req) => {
      const shop = shopOf(req);
      return {
        shop,
        products: ctx.store.productsOf(shop),
        orders: ctx.store.ordersOf(shop),
        faults: ctx.faults.get(keyOf(shop)),
      };
    }),
  );
  // Removes one shop (its products, orders, codes and tokens) without resetting everything else.
  router.delete(
    "/shops/:platform/:shopId",
    route((req) => {
      const shop = shopOf(req);
      const removed = ctx.store.deleteShop(shop);
      ctx.faults.reset(keyOf(shop));
      return { deleted: { platform: shop.platform, shopId: shop.shopId, ...removed } };
    }),
  );
  router.post(
    "/shops/:platform/:shopId/products",
    route((req, res) => {
      const shop = shopOf(req);
      const input = seedSchema.parse(req.body);
      res.status(201);
      if ("count" in input) return { products: seller.seedProducts(shop, input.count) };
      return { products: input.products.map((product) => seller.addProduct(shop, product).result) };
    }),
  );
  router.patch(
    "/shops/:platform/:shopId/products/:productId/variants/:variantId",
    route((req) => {
      const shop = shopOf(req);
      const patch = variantPatchSchema.parse(req.body);
      const productId = String(req.params.productId);
      const variantId = String(req.params.variantId);
      const webhooks = [];
      if (patch.price !== undefined)
        webhooks.push(...seller.setPrice(shop, productId, variantId, patch.price).webhooks);
      if (patch.stock !== undefined)
        webhooks.push(...seller.setStock(shop, productId, variantId, patch.stock).webhooks);
      if (patch.reserved !== undefined)
        webhooks.push(...seller.setPromotionReserved(shop, productId, variantId, patch.reserved).webhooks);
      return { product: ctx.store.requireProduct(shop, productId), webhooks };
    }),
  );
  router.patch(
    "/shops/:platform/:shopId/products/:productId",
    route((req) => seller.editProduct(shopOf(req), String(req.params.productId), sellerEditSchema.parse(req.body))),
  );
  router.put(
    "/shops/:platform/:shopId/review",
    route((req) => ({ shop: seller.setContentReview(shopOf(req), reviewSettingsSchema.parse(req.body)) })),
  );
  router.post(
    "/shops/:platform/:shopId/products/:productId/review/approve",
    route((req) => seller.approveReview(shopOf(req), String(req.params.productId))),
  );
  router.post(
    "/shops/:platform/:shopId/products/:productId/review/reject",
    route((req) => {
      const { reason } = z.object({ reason: z.string().trim().min(1).max(500) }).parse(req.body ?? {});
      return seller.rejectReview(shopOf(req), String(req.params.productId), reason);
    }),
  );
  router.delete(
    "/shops/:platform/:shopId/products/:productId",
    route((req) => seller.deleteProduct(shopOf(req), String(req.params.productId))),
  );
  router.post(
    "/shops/:platform/:shopId/products/:productId/ban",
    route((req) => {
      const reason = z.object({ reason: z.string().max(200).optional() }).parse(req.body ?? {}).reason;
      return seller.banProduct(shopOf(req), String(req.params.productId), reason);
    }),
  );
  router.post(
    "/shops/:platform/:shopId/orders",
    route((req, res) => {
      const result = seller.placeOrder(shopOf(req), orderSchema.parse(req.body));
      res.status(201);
      return result;
    }),
  );
  router.post(
    "/shops/:platform/:shopId/orders/:orderId/cancel",
    route((req) => seller.cancelOrder(shopOf(req), String(req.params.orderId), cancelSchema.parse(req.body ?? {}))),
  );
  router.post(
    "/shops/:platform/:shopId/orders/:orderId/pay",
    route((req) => seller.payOrder(shopOf(req), String(req.params.orderId))),
  );
  router.post(
    "/shops/:platform/:shopId/orders/:orderId/complete",
    route((req) => seller.completeOrder(shopOf(req), String(req.params.orderId))),
  );
  router.post(
    "/shops/:platform/:shopId/orders/:orderId/ship",
    route((req) => seller.shipOrder(shopOf(req), String(req.params.orderId))),
  );
  router.post(
    "/shops/:platform/:shopId/deauthorize",
    route((req) => seller.deauthorize(shopOf(req))),
  );
  router.post(
    "/shops/:platform/:shopId/expire-tokens",
    route((req) => ({ expired: ctx.store.expireAccessTokens(keyOf(shopOf(req))) })),
  );

  router.get(
    "/shops/:platform/:shopId/faults",
    route((req) => {
      const shop = shopOf(req);
      return {
        faults: ctx.faults.get(keyOf(shop)),
        effectiveRateLimitPerSecond: ctx.faults.effectiveRateLimit(shop.platform, keyOf(shop)),
      };
    }),
  );
  router.put(
    "/shops/:platform/:shopId/faults",
    route((req) => {
      const shop = shopOf(req);
      const faults = ctx.faults.update(keyOf(shop), shopFaultsPatchSchema.parse(req.body));
      return { faults, effectiveRateLimitPerSecond: ctx.faults.effectiveRateLimit(shop.platform, keyOf(shop)) };
    }),
  );
  router.delete(
    "/shops/:platform/:shopId/faults",
    route((req) => {
      ctx.faults.reset(keyOf(shopOf(req)));
      return { ok: true };
    }),
  );
  router.get(
    "/shops/:platform/:shopId/requests",
    route((req) => ctx.counters.stats(keyOf(shopOf(req)))),
  );
  router.delete(
    "/shops/:platform/:shopId/requests",
    route((req) => {
      ctx.counters.reset(keyOf(shopOf(req)));
      return { ok: true };
    }),
  );

  router.get(
    "/webhooks",
    route((req) => {
      const platform = req.query.platform ? platformSchema.parse(req.query.platform) : undefined;
      const shopId = typeof req.query.shopId === "string" ? req.query.shopId : undefined;
      const limit = z.coerce
        .number()
        .int()
        .min(1)
        .max(2000)
        .default(200)
        .parse(req.query.limit ?? undefined);
      return {
        deliveries: ctx.dispatcher.list({
          platform,
          shopKey: platform && shopId ? shopKeyOf(platform, shopId) : undefined,
          limit,
        }),
      };
    }),
  );
  router.delete(
    "/webhooks",
    route(() => {
      ctx.dispatcher.clear();
      return { ok: true };
    }),
  );
  router.get(
    "/webhooks/targets",
    route(() => ctx.dispatcher.getTargets()),
  );
  router.put(
    "/webhooks/targets",
    route((req) => {
      const input = targetsSchema.parse(req.body);
      for (const platform of platforms) {
        const value = input[platform as Platform];
        if (value !== undefined) ctx.dispatcher.setTarget(platform, value);
      }
      return ctx.dispatcher.getTargets();
    }),
  );

  router.post(
    "/reset",
    route(() => {
      reset();
      return { ok: true };
    }),
  );

  router.use(adminErrorHandler);
  return router;
}
