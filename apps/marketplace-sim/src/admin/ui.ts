import express, { type Request, type Response, type Router } from "express";
import { type SimContext } from "../context";
import { SimError } from "../errors";
import { htmlPage } from "../http/html";
import { escapeHtml } from "../http/raw-body";
import { type SellerCentre } from "../seller-centre";
import { type Platform, type Product, type Shop, shopKeyOf } from "../store/types";

const e = escapeHtml;

function post(action: string, fields: Record<string, string>, label: string, extra = "", kind = "secondary"): string {
  const hidden = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${e(name)}" value="${e(value)}">`)
    .join("");
  return `<form class="inline" method="post" action="/ui/${e(action)}">${hidden}${extra}<button class="${kind}">${e(label)}</button></form>`;
}

/** The seller centre's product editor: content, images, option values (TikTok reviews content). */
function editForm(shop: Shop, product: Product): string {
  const ids = { platform: shop.platform, shopId: shop.shopId, productId: product.id };
  const options = product.tiers
    .map(
      (tier) =>
        `<label>${e(tier.name)} <input name="option:${e(tier.name)}" value="${e(tier.options.join(", "))}"></label>`,
    )
    .join("");
  return `<details><summary>Edit in seller centre</summary>${post(
    "product/edit",
    ids,
    "Save edit",
    `<label>Title <input name="title" value="${e(product.title)}" style="width:100%"></label>
<label>Description <textarea name="description" rows="3" style="width:100%">${e(product.description)}</textarea></label>
<label>Images (one per line) <textarea name="images" rows="2" style="width:100%">${e(product.images.join("\n"))}</textarea></label>${options}
<label>Price (all variants) <input type="number" step="0.01" min="0.01" name="price"></label>
<label>Status <select name="status"><option value="">(unchanged)</option><option value="active">Active (listed)</option><option value="inactive">Inactive (delisted)</option></select></label>`,
    "",
  )}</details>`;
}

function reviewControls(shop: Shop, product: Product): string {
  const review = product.review;
  if (!review) return "";
  const ids = { platform: shop.platform, shopId: shop.shopId, productId: product.id };
  if (review.status === "AUDITING")
    return `<div><span class="badge">under review</span> ${post("review/approve", ids, "Approve")} ${post(
      "review/reject",
      ids,
      "Reject",
      '<input name="reason" placeholder="Reason" value="Title contains prohibited words">',
      "danger",
    )}</div>`;
  if (review.status === "FAILED")
    return `<div><span class="badge">review failed</span> <span class="muted">${e(review.reasons.join("; "))}</span></div>`;
  return "";
}

function productRows(ctx: SimContext, shop: Shop, product: Product): string {
  const ids = { platform: shop.platform, shopId: shop.shopId, productId: product.id };
  return product.variants
    .map((variant, index) => {
      const option = variant.tierIndex
        .map((optionIndex, tier) => product.tiers[tier]?.options[optionIndex] ?? "")
        .join(" / ");
      const stock = variant.stock.reduce((sum, entry) => sum + entry.stock, 0);
      const head =
        index === 0
          ? `<td rowspan="${product.variants.length}"><strong>${e(product.title)}</strong><br><span class="muted">${e(product.id)}</span></td><td rowspan="${product.variants.length}"><span class="badge">${e(product.status)}</span></td>`
          : "";
      const actions =
        index === 0
          ? `<td rowspan="${product.variants.length}">${post("product/delete", ids, "Delete", "", "danger")} ${post("product/ban", ids, "Ban", "", "danger")}${reviewControls(shop, product)}${editForm(shop, product)}</td>`
          : "";
      const vid = { ...ids, variantId: variant.id };
      return `<tr>${head}<td>${e(variant.sku)}${option ? `<br><span class="muted">${e(option)}</span>` : ""}</td>
<td>${post("variant", vid, "Set", `<input type="number" step="0.01" min="0.01" name="price" value="${e(variant.price)}">`)}</td>
<td>${post("variant", vid, "Set", `<input type="number" min="0" name="stock" value="${e(stock)}">`)} <span class="muted">reserved ${e(variant.reserved)}</span></td>
<td>${post("order", { ...vid }, "Order", '<input type="number" min="1" name="quantity" value="1" style="width:60px">', "")}</td>${actions}</tr>`;
    })
    .join("");
}

function shopSection(ctx: SimContext, shop: Shop): string {
  const key = shopKeyOf(shop.platform, shop.shopId);
  const products = ctx.store.productsOf(shop);
  const orders = ctx.store.ordersOf(shop).slice(-15).reverse();
  const faults = ctx.faults.get(key);
  const stats = ctx.counters.stats(key);
  const ids = { platform: shop.platform, shopId: shop.shopId };
  const limit = ctx.faults.effectiveRateLimit(shop.platform, key);
  const orderRows = orders
    .map(
      (
        order,
      ) => `<tr><td>${e(order.id)}</td><td><span class="badge">${e(order.status)}</span></td><td>${e(order.lines.map((line) => `${line.quantity}× ${line.sku}`).join(", "))}</td>
<td>${post("order/ship", { ...ids, orderId: order.id }, "Ship")} ${post("order/cancel", { ...ids, orderId: order.id }, "Cancel", "", "danger")}</td></tr>`,
    )
    .join("");
  const num = (name: string, value: number, step = "1", max = "") =>
    `<label>${e(name)} <input type="number" name="${e(name)}" value="${e(value)}" step="${step}" min="0"${max ? ` max="${max}"` : ""}></label>`;
  return `<section id="${e(key)}"><h2><span class="badge ${shop.platform}">${shop.platform === "shopee" ? "Shopee" : "TikTok Shop"}</span> ${e(shop.name)}</h2>
<p class="muted">shop ${e(shop.shopId)} · ${e(shop.region)} · ${e(shop.currency)}${shop.cipher ? ` · cipher <code>${e(shop.cipher)}</code>` : ""} · requests ${stats.total} (max ${stats.maxPerSecond}/s, ${stats.rejected} rate-limited)</p>
<p>${post("seed", ids, "Add 5 products")} ${post("deauthorize", ids, "Deauthorize app", "", "danger")}${
    shop.platform === "tiktok"
      ? ` ${post(
          "review/settings",
          ids,
          shop.contentReview?.enabled ? "Turn content review off" : "Turn content review on",
          `<input type="hidden" name="enabled" value="${shop.contentReview?.enabled ? "0" : "1"}"><input type="number" min="0" name="autoApproveMs" placeholder="auto-approve ms" style="width:150px">`,
        )}`
      : ""
  }</p>
<h3>Products</h3><table><tr><th>Product</th><th>Status</th><th>SKU</th><th>Price</th><th>Stock</th><th>Sell</th><th></th></tr>${products.map((product) => productRows(ctx, shop, product)).join("") || '<tr><td colspan="7" class="muted">No products</td></tr>'}</table>
<h3>Recent orders</h3><table><tr><th>Order</th><th>Status</th><th>Lines</th><th></th></tr>${orderRows || '<tr><td colspan="4" class="muted">No orders</td></tr>'}</table>
<h3>Fault injection</h3><form method="post" action="/ui/faults">${Object.entries(ids)
    .map(([k, v]) => `<input type="hidden" name="${k}" value="${e(v)}">`)
    .join("")}
<div class="grid">${num("rateLimitPerSecond", limit ?? 0)} ${num("errorRate", faults.errorRate, "0.05", "1")} ${num("latencyMs", faults.latencyMs)} ${num("timeoutRate", faults.timeoutRate, "0.05", "1")}
${num("webhookDuplicateRate", faults.webhookDuplicateRate, "0.05", "1")} ${num("webhookDropRate", faults.webhookDropRate, "0.05", "1")}
<label><input type="checkbox" name="webhookOutOfOrder" value="1"${faults.webhookOutOfOrder ? " checked" : ""}> out-of-order webhooks</label></div>
<p class="muted">Rate limit 0 = unlimited.</p><button>Save faults</button></form></section>`;
}

/** The platform hosts' base URLs once the simulator listens (undefined before). */
export type EndpointUrls = () => Record<"shopee" | "tiktok" | "tiktokAuth", string> | undefined;

function page(ctx: SimContext, message: string, endpoints: EndpointUrls): string {
  const urls = endpoints();
  const at = (name: "shopee" | "tiktok" | "tiktokAuth") => (urls ? urls[name] : "(not listening)");
  const targets = ctx.dispatcher.getTargets();
  const deliveries = ctx.dispatcher.list({ limit: 30 });
  const byPlatform = (platform: Platform) =>
    ctx.store
      .listShops(platform)
      .map((shop) => shopSection(ctx, shop))
      .join("");
  const body = `${message ? `<section><strong>${e(message)}</strong></section>` : ""}
<section><h2>Apps and endpoints</h2><div class="grid">
<div class="card"><strong>Shopee Open Platform v2</strong><br>API host <code>${e(at("shopee"))}</code><br>partner_id <code>${e(ctx.apps.shopee.partnerId)}</code></div>
<div class="card"><strong>TikTok Shop 202309</strong><br>API host <code>${e(at("tiktok"))}</code><br>auth host <code>${e(at("tiktokAuth"))}</code> (also <code>/open/authorize</code>)<br>app_key <code>${e(ctx.apps.tiktok.appKey)}</code> service_id <code>${e(ctx.apps.tiktok.serviceId)}</code></div></div>
<h3>Webhook targets</h3><form method="post" action="/ui/targets" class="grid">
<label>Shopee <input name="shopee" value="${e(targets.shopee ?? "")}" placeholder="http://localhost:4000/…" style="width:100%"></label>
<label>TikTok <input name="tiktok" value="${e(targets.tiktok ?? "")}" placeholder="http://localhost:4000/…" style="width:100%"></label>
<div><button>Save targets</button></div></form>
<h3>New shop</h3><form method="post" action="/ui/shop" class="inline"><select name="platform"><option value="shopee">Shopee</option><option value="tiktok">TikTok Shop</option></select>
<input name="name" placeholder="Shop name"><input name="region" placeholder="Region (SG, US…)" style="width:120px"><button>Create with 5 products</button></form></section>
${byPlatform("shopee")}${byPlatform("tiktok")}
<section><h2>Webhook deliveries</h2><table><tr><th>#</th><th>Platform</th><th>Kind</th><th>Shop</th><th>Status</th><th>Attempts</th><th>Last answer</th></tr>
${
  deliveries
    .map((d) => {
      const last = d.attempts.at(-1);
      const cls = d.status === "delivered" ? "ok" : d.status === "pending" ? "muted" : "bad";
      return `<tr><td>${d.id}</td><td>${e(d.platform)}</td><td>${e(d.kind)}</td><td>${e(d.shopId)}</td><td class="${cls}">${e(d.status)}${d.duplicateOf ? ` (dup of ${d.duplicateOf})` : ""}</td><td>${d.attempts.length}</td><td class="muted">${last ? e(last.status ? `HTTP ${last.status}` : (last.error ?? "")) : ""}</td></tr>`;
    })
    .join("") || '<tr><td colspan="7" class="muted">None yet</td></tr>'
}</table></section>`;
  return htmlPage("Marketplace simulator", body, "Shopee and TikTok Shop, locally");
}

function field(req: Request, name: string): string {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const value = body[name];
  return typeof value === "string" ? value : "";
}

/** The server-rendered admin page at `/` and its form actions under `/ui`. */
export function adminUi(ctx: SimContext, seller: SellerCentre, endpoints: EndpointUrls): Router {
  const router = express.Router();
  router.use("/ui", express.urlencoded({ extended: false }));

  router.get("/", (req, res) => {
    res.type("html").send(page(ctx, typeof req.query.msg === "string" ? req.query.msg.slice(0, 200) : "", endpoints));
  });

  const action = (path: string, run: (req: Request, shop: Shop | undefined) => string) => {
    router.post(`/ui/${path}`, (req: Request, res: Response) => {
      let message: string;
      try {
        const platform = field(req, "platform");
        const shop =
          (platform === "shopee" || platform === "tiktok") && field(req, "shopId")
            ? ctx.store.requireShop(platform, field(req, "shopId"))
            : undefined;
        message = run(req, shop);
      } catch (err) {
        if (!(err instanceof SimError)) throw err;
        message = `Refused: ${err.message}`;
      }
      res.redirect(303, `/?msg=${encodeURIComponent(message)}`);
    });
  };
  const need = (shop: Shop | undefined) => {
    if (!shop) throw new SimError(404, "Unknown shop");
    return shop;
  };

  action("shop", (req) => {
    const platform = field(req, "platform") === "tiktok" ? "tiktok" : "shopee";
    const shop = seller.createShop(platform, {
      name: field(req, "name") || undefined,
      region: field(req, "region") || undefined,
      products: 5,
    });
    return `Created ${platform} shop ${shop.name} (${shop.shopId})`;
  });
  action("seed", (req, shop) => `Added ${seller.seedProducts(need(shop), 5).length} products`);
  action("variant", (req, shop) => {
    const s = need(shop);
    const sent: number[] = [];
    if (field(req, "price"))
      sent.push(
        seller.setPrice(s, field(req, "productId"), field(req, "variantId"), Number(field(req, "price"))).webhooks
          .length,
      );
    if (field(req, "stock"))
      sent.push(
        seller.setStock(s, field(req, "productId"), field(req, "variantId"), Number(field(req, "stock"))).webhooks
          .length,
      );
    return `Saved; ${sent.reduce((a, b) => a + b, 0)} webhook(s) sent`;
  });
  action(
    "product/delete",
    (req, shop) => `Deleted ${seller.deleteProduct(need(shop), field(req, "productId")).result.id}`,
  );
  action("product/ban", (req, shop) => `Banned ${seller.banProduct(need(shop), field(req, "productId")).result.id}`);
  action("order", (req, shop) => {
    const { result } = seller.placeOrder(need(shop), {
      lines: [
        {
          productId: field(req, "productId"),
          variantId: field(req, "variantId"),
          quantity: Number(field(req, "quantity") || "1"),
        },
      ],
    });
    return `Placed order ${result.id}`;
  });
  action("order/ship", (req, shop) => `Order ${seller.shipOrder(need(shop), field(req, "orderId")).result.id} shipped`);
  action(
    "order/cancel",
    (req, shop) => `Order ${seller.cancelOrder(need(shop), field(req, "orderId")).result.id} cancelled`,
  );
  action("product/edit", (req, shop) => {
    const s = need(shop);
    const product = ctx.store.requireProduct(s, field(req, "productId"));
    const body = (req.body ?? {}) as Record<string, unknown>;
    const options: Record<string, string[]> = {};
    for (const [key, value] of Object.entries(body))
      if (key.startsWith("option:") && typeof value === "string")
        options[key.slice("option:".length)] = value
          .split(",")
          .map((part) => part.trim())
          .filter(Boolean);
    const changedOptions = Object.fromEntries(
      Object.entries(options).filter(
        ([name, values]) => product.tiers.find((tier) => tier.name === name)?.options.join(",") !== values.join(","),
      ),
    );
    const images = field(req, "images")
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean);
    const { webhooks } = seller.editProduct(s, product.id, {
      ...(field(req, "title") && field(req, "title") !== product.title ? { title: field(req, "title") } : {}),
      ...(field(req, "description") !== product.description ? { description: field(req, "description") } : {}),
      ...(images.length > 0 && images.join("\n") !== product.images.join("\n") ? { images } : {}),
      ...(Object.keys(changedOptions).length > 0 ? { options: changedOptions } : {}),
      ...(field(req, "price") ? { price: Number(field(req, "price")) } : {}),
      ...(field(req, "status") === "active" || field(req, "status") === "inactive"
        ? { status: field(req, "status") as "active" | "inactive" }
        : {}),
    });
    return product.review?.status === "AUDITING"
      ? `Edit of ${product.id} waits for TikTok's review`
      : `Edited ${product.id}; ${webhooks.length} webhook(s) sent`;
  });
  action("review/settings", (req, shop) => {
    const enabled = field(req, "enabled") === "1";
    const delay = field(req, "autoApproveMs");
    seller.setContentReview(need(shop), { enabled, autoApproveMs: delay ? Math.max(0, Number(delay)) : null });
    return `Content review ${enabled ? "on" : "off"}`;
  });
  action("review/approve", (req, shop) => {
    const { webhooks } = seller.approveReview(need(shop), field(req, "productId"));
    return `Approved; ${webhooks.length} webhook(s) sent`;
  });
  action("review/reject", (req, shop) => {
    const { webhooks } = seller.rejectReview(need(shop), field(req, "productId"), field(req, "reason") || "Rejected");
    return `Rejected; ${webhooks.length} webhook(s) sent`;
  });
  action("deauthorize", (req, shop) => `Revoked ${seller.deauthorize(need(shop)).result.revokedTokens} token(s)`);
  action("faults", (req, shop) => {
    const s = need(shop);
    const rate = Number(field(req, "rateLimitPerSecond") || "0");
    const ratio = (name: string) => Math.min(1, Math.max(0, Number(field(req, name) || "0")));
    ctx.faults.update(shopKeyOf(s.platform, s.shopId), {
      rateLimitPerSecond: rate > 0 ? Math.floor(rate) : null,
      errorRate: ratio("errorRate"),
      latencyMs: Math.max(0, Math.floor(Number(field(req, "latencyMs") || "0"))),
      timeoutRate: ratio("timeoutRate"),
      webhookDuplicateRate: ratio("webhookDuplicateRate"),
      webhookDropRate: ratio("webhookDropRate"),
      webhookOutOfOrder: field(req, "webhookOutOfOrder") === "1",
    });
    return `Faults saved for ${s.name}`;
  });
  action("targets", (req) => {
    for (const platform of ["shopee", "tiktok"] as const)
      ctx.dispatcher.setTarget(platform, field(req, platform).trim() || null);
    return "Webhook targets saved";
  });

  return router;
}
