import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { CompiledQuery } from "kysely";

/**
 * A realistic demo catalog, generated deterministically (same seed → same titles, SKUs and
 * prices) and written set-based: a handful of statements whatever the size, so the benchmark can
 * reuse it for 100,000 variants.
 */

interface CategorySpec {
  name: string;
  children: {
    name: string;
    code: string;
    nouns: string[];
    price: [number, number];
    options: "apparel" | "shoes" | "colour" | "none";
  }[];
}

const categoryTree: CategorySpec[] = [
  {
    name: "Apparel",
    children: [
      {
        name: "T-Shirts",
        code: "TS",
        nouns: ["T-Shirt", "Crew Tee", "V-Neck T-Shirt", "Pocket Tee"],
        price: [1500, 3500],
        options: "apparel",
      },
      {
        name: "Hoodies",
        code: "HD",
        nouns: ["Hoodie", "Zip Hoodie", "Sweatshirt"],
        price: [3900, 7900],
        options: "apparel",
      },
      {
        name: "Socks",
        code: "SK",
        nouns: ["Crew Socks", "Ankle Socks", "Wool Socks"],
        price: [600, 1800],
        options: "apparel",
      },
    ],
  },
  {
    name: "Footwear",
    children: [
      {
        name: "Sneakers",
        code: "SN",
        nouns: ["Sneaker", "Runner", "High-Top Sneaker"],
        price: [5900, 14900],
        options: "shoes",
      },
      { name: "Sandals", code: "SD", nouns: ["Sandal", "Slide", "Flip-Flop"], price: [1900, 5900], options: "shoes" },
    ],
  },
  {
    name: "Home",
    children: [
      {
        name: "Kitchen",
        code: "KT",
        nouns: ["Chef Knife", "Cutting Board", "Coffee Mug", "French Press"],
        price: [1200, 8900],
        options: "colour",
      },
      {
        name: "Bedding",
        code: "BD",
        nouns: ["Duvet Cover", "Pillowcase Set", "Linen Sheet"],
        price: [2900, 12900],
        options: "colour",
      },
    ],
  },
  {
    name: "Electronics",
    children: [
      {
        name: "Audio",
        code: "AU",
        nouns: ["Wireless Earbuds", "Bluetooth Speaker", "Headphones"],
        price: [2900, 19900],
        options: "colour",
      },
      {
        name: "Accessories",
        code: "AC",
        nouns: ["USB-C Cable", "Phone Case", "Power Bank"],
        price: [900, 4900],
        options: "none",
      },
    ],
  },
];

const adjectives = [
  "Classic",
  "Organic",
  "Everyday",
  "Premium",
  "Lightweight",
  "Heritage",
  "Urban",
  "Coastal",
  "Alpine",
  "Studio",
];
const brands = ["Northwind", "Lumen", "Kestrel", "Aster & Co", "Tidewater", "Fjord", "Marlowe", "Saltbox"];
const colours: [string, string][] = [
  ["Black", "BLK"],
  ["White", "WHT"],
  ["Navy", "NVY"],
  ["Olive", "OLV"],
  ["Sand", "SND"],
  ["Red", "RED"],
];
const sizes = ["XS", "S", "M", "L", "XL"];
const shoeSizes = ["38", "39", "40", "41", "42", "43", "44"];
const tagPool = ["new", "sale", "bestseller", "eco", "summer", "winter", "gift"];

/** mulberry32: a tiny deterministic PRNG. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoCategory {
  id: string;
  parentId: string | null;
  name: string;
  path: string;
  position: number;
}
export interface DemoProduct {
  id: string;
  categoryId: string;
  title: string;
  brand: string;
  status: "draft" | "active" | "archived";
  tags: string[];
  description: string;
}
export interface DemoVariant {
  id: string;
  productId: string;
  sku: string;
  options: Record<string, string>;
  price: number;
  compareAtPrice: number | null;
  cost: number;
  barcode: string;
  weightGrams: number;
  position: number;
  onHand: number;
}

export interface DemoCatalog {
  categories: DemoCategory[];
  products: DemoProduct[];
  variants: DemoVariant[];
}

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)] as T;
}

/** `productCount` products with 1–6 variants each. Pure: ids come from `newId`. */
export function generateDemoCatalog(productCount: number, seed = 42, newId: () => string = randomUUID): DemoCatalog {
  const next = random(seed);
  const categories: DemoCategory[] = [];
  const leaves: { id: string; spec: CategorySpec["children"][number] }[] = [];
  categoryTree.forEach((root, rootIndex) => {
    const rootId = newId();
    categories.push({ id: rootId, parentId: null, name: root.name, path: root.name, position: rootIndex });
    root.children.forEach((child, childIndex) => {
      const id = newId();
      categories.push({
        id,
        parentId: rootId,
        name: child.name,
        path: `${root.name} / ${child.name}`,
        position: childIndex,
      });
      leaves.push({ id, spec: child });
    });
  });

  const products: DemoProduct[] = [];
  const variants: DemoVariant[] = [];
  for (let index = 0; index < productCount; index++) {
    const leaf = leaves[index % leaves.length]!;
    const noun = leaf.spec.nouns[Math.floor(index / leaves.length) % leaf.spec.nouns.length]!;
    const adjective = adjectives[Math.floor(index / (leaves.length * leaf.spec.nouns.length)) % adjectives.length]!;
    const round = Math.floor(index / (leaves.length * leaf.spec.nouns.length * adjectives.length));
    const title = `${adjective} ${noun}${round > 0 ? ` ${round + 1}` : ""}`;
    const roll = next();
    const status = roll < 0.8 ? "active" : roll < 0.93 ? "draft" : "archived";
    const tags = tagPool.filter(() => next() < 0.18);
    const productId = newId();
    const brand = pick(next, brands);
    products.push({
      id: productId,
      categoryId: leaf.id,
      title,
      brand,
      status,
      tags,
      description: `${title} by ${brand}.`,
    });

    const [low, high] = leaf.spec.price;
    const base = Math.round((low + next() * (high - low)) / 100) * 100 - 1; // prices end in .99
    const onSale = next() < 0.2;
    const optionSets = variantOptions(next, leaf.spec.options);
    const number = String(index + 1).padStart(5, "0");
    optionSets.forEach((options, position) => {
      const suffix = Object.entries(options)
        .map(([key, value]) => (key === "colour" ? (colours.find(([name]) => name === value)?.[1] ?? value) : value))
        .join("-");
      variants.push({
        id: newId(),
        productId,
        sku: suffix ? `${leaf.spec.code}-${number}-${suffix}` : `${leaf.spec.code}-${number}`,
        options,
        price: base,
        compareAtPrice: onSale ? base + Math.round((base * 0.25) / 100) * 100 : null,
        cost: Math.round(base * (0.35 + next() * 0.2)),
        barcode: `200${String(index * 10 + position).padStart(9, "0")}${(index + position) % 10}`,
        weightGrams: 100 + Math.floor(next() * 900),
        position,
        onHand: next() < 0.08 ? 0 : Math.floor(next() * 200),
      });
    });
  }
  return { categories, products, variants };
}

function variantOptions(
  next: () => number,
  kind: CategorySpec["children"][number]["options"],
): Record<string, string>[] {
  const count = 1 + Math.floor(next() * 6); // 1–6 variants
  if (kind === "none") return [{}];
  const start = Math.floor(next() * colours.length);
  if (kind === "colour")
    return Array.from({ length: Math.min(count, colours.length) }, (_, i) => ({
      colour: colours[(start + i) % colours.length]![0],
    }));
  const sizeList = kind === "shoes" ? shoeSizes : sizes;
  const colourCount = kind === "shoes" ? 1 : count > 3 ? 2 : 1;
  const perColour = Math.min(sizeList.length, Math.ceil(count / colourCount));
  const sets: Record<string, string>[] = [];
  for (let c = 0; c < colourCount; c++) {
    for (let s = 0; s < perColour && sets.length < count; s++) {
      sets.push({ colour: colours[(start + c) % colours.length]![0], size: sizeList[s]! });
    }
  }
  return sets;
}

async function run(em: EntityManager, sql: string, params: unknown[]): Promise<void> {
  await em.getKysely().executeQuery(CompiledQuery.raw(sql, params));
}

/** Inserts a generated catalog into an organization, set-based, with an "import" movement per stocked variant. */
export async function insertCatalog(
  em: EntityManager,
  organizationId: string,
  catalog: DemoCatalog,
  options: { categories?: boolean } = {},
): Promise<void> {
  await em.transactional(async (tx) => {
    if (options.categories !== false) {
      await run(
        tx,
        `insert into category (id, organization_id, parent_id, name, path, position)
         select x.id, $1, x.parent_id, x.name, x.path, x.position
           from jsonb_to_recordset($2::jsonb) as x(id uuid, parent_id uuid, name text, path text, position int)
         on conflict (organization_id, path) do nothing`,
        [
          organizationId,
          JSON.stringify(
            catalog.categories.map((c) => ({
              id: c.id,
              parent_id: c.parentId,
              name: c.name,
              path: c.path,
              position: c.position,
            })),
          ),
        ],
      );
    }
    const batch = 20_000;
    for (let start = 0; start < catalog.products.length; start += batch) {
      const products = catalog.products.slice(start, start + batch);
      await run(
        tx,
        `insert into product (id, organization_id, title, description, brand, category_id, status, tags)
         select x.id, $1, x.title, x.description, x.brand, c.id, x.status, x.tags
           from jsonb_to_recordset($2::jsonb) as x(id uuid, title text, description text, brand text, category_path text, status text, tags text[])
           left join category c on c.organization_id = $1 and c.path = x.category_path`,
        [
          organizationId,
          JSON.stringify(
            products.map((p) => ({
              id: p.id,
              title: p.title,
              description: p.description,
              brand: p.brand,
              category_path: catalog.categories.find((c) => c.id === p.categoryId)?.path ?? null,
              status: p.status,
              tags: p.tags,
            })),
          ),
        ],
      );
    }
    for (let start = 0; start < catalog.variants.length; start += batch) {
      const variants = catalog.variants.slice(start, start + batch);
      const payload = JSON.stringify(
        variants.map((v) => ({
          id: v.id,
          product_id: v.productId,
          sku: v.sku,
          options: v.options,
          price: v.price,
          compare_at_price: v.compareAtPrice,
          cost: v.cost,
          barcode: v.barcode,
          weight_grams: v.weightGrams,
          position: v.position,
          on_hand: v.onHand,
        })),
      );
      await run(
        tx,
        `with x as (select * from jsonb_to_recordset($2::jsonb) as x(id uuid, product_id uuid, sku text, options jsonb, price bigint,
                      compare_at_price bigint, cost bigint, barcode text, weight_grams int, position int, on_hand int)),
              variants as (
                insert into variant (id, organization_id, product_id, sku, options, price, compare_at_price, cost, barcode, weight_grams, position)
                select id, $1, product_id, sku, options, price, compare_at_price, cost, barcode, weight_grams, position from x returning id),
              stock as (
                insert into stock_level (id, organization_id, variant_id, on_hand, committed)
                select gen_random_uuid(), $1, x.id, x.on_hand, 0 from x join variants v on v.id = x.id)
         insert into inventory_movement (id, organization_id, variant_id, delta, reason, source_ref, before, after)
         select gen_random_uuid(), $1, x.id, x.on_hand, 'import', 'seed:demo', 0, x.on_hand from x join variants v on v.id = x.id where x.on_hand > 0`,
        [organizationId, payload],
      );
    }
  });
}

/** The demo organization's catalog, once: nothing happens when it already has products. */
export async function seedDemoCatalog(em: EntityManager, organizationId: string, productCount = 60): Promise<boolean> {
  const existing = await em
    .getKysely()
    .executeQuery<{ found: boolean }>(
      CompiledQuery.raw(`select exists (select 1 from product where organization_id = $1) as found`, [organizationId]),
    );
  if (existing.rows[0]?.found) return false;
  await insertCatalog(em, organizationId, generateDemoCatalog(productCount));
  return true;
}
