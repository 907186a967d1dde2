import { describe, expect, it } from "vitest";
import {
  conflictFieldGroups,
  decideFieldGroup,
  decideListing,
  defaultConflictPolicies,
  effectivePolicies,
  groupKey,
  mootReason,
  type ConflictFieldGroup,
  type ConflictPolicy,
  type ListingFields,
} from "./detect";

/** Three distinct values per field group: the base (A), another (B), a third (C). */
const values: Record<ConflictFieldGroup, [ListingFields, ListingFields, ListingFields]> = {
  content: [
    { title: "Cotton tee", description: "Soft" },
    { title: "Cotton T-shirt", description: "Soft" },
    { title: "Organic tee", description: "Soft" },
  ],
  images: [
    { images: ["https://cdn.example.com/a.jpg"] },
    { images: ["https://cdn.example.com/a.jpg", "https://cdn.example.com/b.jpg"] },
    { images: ["https://cdn.example.com/c.jpg"] },
  ],
  options: [{ options: { Colour: "Red" } }, { options: { Colour: "Crimson" } }, { options: { Colour: "Blue" } }],
  price: [
    { price: 1990, currency: "SGD" },
    { price: 2490, currency: "SGD" },
    { price: 2990, currency: "SGD" },
  ],
  status: [{ status: "active" }, { status: "draft" }, { status: "DELETED" }],
};

const policies: ConflictPolicy[] = ["adopt", "override", "overwrite", "conflict"];

type Row = [name: string, base: 0 | 1 | 2, master: 0 | 1 | 2, channel: 0 | 1 | 2, expected: string];
/** The three-way matrix: expected kind, with `policy` standing for "the policy decides". */
const matrix: Row[] = [
  ["nothing changed", 0, 0, 0, "none"],
  ["only master changed", 0, 1, 0, "push"],
  ["only the channel changed", 0, 0, 1, "policy"],
  ["both changed to the same value", 0, 1, 1, "advance"],
  ["both changed to different values", 0, 1, 2, "both_changed"],
];

describe("decideFieldGroup: the three-way matrix for every field group and policy", () => {
  for (const group of conflictFieldGroups) {
    for (const policy of policies) {
      for (const [name, b, m, c, expected] of matrix) {
        it(`${group} / ${policy}: ${name}`, () => {
          const decision = decideFieldGroup({
            group,
            base: values[group][b],
            master: values[group][m],
            channel: values[group][c],
            policy,
          });
          if (expected === "policy") expect(decision).toEqual({ kind: "channel_only", policy });
          else expect(decision).toEqual({ kind: expected });
        });
      }
    }
  }
});

describe("decideFieldGroup: edges", () => {
  it("a channel value we pushed ourselves is an echo, never an edit", () => {
    const pushed = groupKey("content", values.content[1])!;
    expect(
      decideFieldGroup({
        group: "content",
        base: values.content[0],
        master: values.content[0],
        channel: values.content[1],
        policy: "conflict",
        pushedKeys: [pushed],
      }),
    ).toEqual({ kind: "echo" });
    expect(
      decideFieldGroup({
        group: "content",
        base: values.content[0],
        master: values.content[2],
        channel: values.content[1],
        policy: "conflict",
        pushedKeys: [pushed],
      }),
    ).toEqual({ kind: "echo" });
  });

  it("without a base (never pushed and accepted) master is pushed unless the channel already shows it", () => {
    expect(
      decideFieldGroup({
        group: "price",
        base: null,
        master: values.price[1],
        channel: values.price[0],
        policy: "adopt",
      }),
    ).toEqual({ kind: "push" });
    expect(
      decideFieldGroup({
        group: "price",
        base: {},
        master: values.price[1],
        channel: values.price[1],
        policy: "adopt",
      }),
    ).toEqual({ kind: "advance" });
  });

  it("a side that does not know the value decides nothing", () => {
    expect(
      decideFieldGroup({
        group: "images",
        base: values.images[0],
        master: {},
        channel: values.images[1],
        policy: "conflict",
      }),
    ).toEqual({ kind: "none" });
    expect(
      decideFieldGroup({
        group: "price",
        base: values.price[0],
        master: values.price[0],
        channel: null,
        policy: "conflict",
      }),
    ).toEqual({ kind: "none" });
  });

  it("a channel that reports no description compares on the title alone", () => {
    expect(
      decideFieldGroup({
        group: "content",
        base: { title: "Tee", description: "Soft" },
        master: { title: "Tee", description: "Softer" },
        channel: { title: "Tee" },
        policy: "conflict",
      }),
    ).toEqual({ kind: "push" });
  });

  it("price in another currency is a different value", () => {
    expect(
      decideFieldGroup({
        group: "price",
        base: { price: 1990, currency: "SGD" },
        master: { price: 1990, currency: "SGD" },
        channel: { price: 1990, currency: "MYR" },
        policy: "conflict",
      }),
    ).toEqual({ kind: "channel_only", policy: "conflict" });
  });

  describe("images re-hosted by the platform compare master with master's value at the base (masterBase)", () => {
    const ours = { images: ["https://cdn.syncstore.test/p/1.jpg"] };
    const oursEdited = { images: ["https://cdn.syncstore.test/p/1.jpg", "https://cdn.syncstore.test/p/2.jpg"] };
    const theirs = { images: ["https://cf.shopee.sg/file/abc"] };
    const theirsEdited = { images: ["https://cf.shopee.sg/file/xyz"] };
    const rows: [name: string, master: ListingFields, channel: ListingFields, expected: unknown][] = [
      ["nothing changed on either side", ours, theirs, { kind: "none" }],
      ["only master changed", oursEdited, theirs, { kind: "push" }],
      ["only the channel changed: the policy decides", ours, theirsEdited, { kind: "channel_only", policy: "adopt" }],
      ["both changed", oursEdited, theirsEdited, { kind: "both_changed" }],
    ];
    it.each(rows)("%s", (_name, master, channel, expected) => {
      expect(
        decideFieldGroup({ group: "images", base: theirs, masterBase: ours, master, channel, policy: "adopt" }),
      ).toEqual(expected);
    });
    it("without masterBase the base stands for master (a channel URL never equals ours: always both changed)", () => {
      expect(
        decideFieldGroup({ group: "images", base: theirs, master: ours, channel: theirsEdited, policy: "adopt" }),
      ).toEqual({ kind: "both_changed" });
    });
  });

  it("status folds platform names: a seller deactivating a live listing is a channel-only change", () => {
    for (const [channel, expected] of [
      ["SELLER_DEACTIVATED", { kind: "channel_only", policy: "conflict" }],
      ["UNLIST", { kind: "channel_only", policy: "conflict" }],
      ["SELLER_DELETE", { kind: "channel_only", policy: "conflict" }],
      ["NORMAL", { kind: "none" }],
      ["ACTIVATE", { kind: "none" }],
    ] as const)
      expect(
        decideFieldGroup({
          group: "status",
          base: { status: "NORMAL" },
          master: { status: "active" },
          channel: { status: channel },
          policy: "conflict",
        }),
      ).toEqual(expected);
  });

  it("stock is not a field group", () => {
    expect(conflictFieldGroups).not.toContain("stock");
  });
});

type NormalisedRow = [group: ConflictFieldGroup, name: string, a: ListingFields, b: ListingFields, equal: boolean];
const normalisation: NormalisedRow[] = [
  ["content", "surrounding and inner whitespace", { title: "  Cotton   tee " }, { title: "Cotton tee" }, true],
  ["content", "non-breaking spaces and tabs", { title: "Cotton\u00a0tee\t" }, { title: "Cotton tee" }, true],
  ["content", "unicode composed vs decomposed", { title: "Cafe\u0301" }, { title: "Café" }, true],
  ["content", "case matters in titles", { title: "cotton tee" }, { title: "Cotton tee" }, false],
  [
    "content",
    "HTML in descriptions",
    { title: "T", description: "<p>Soft&nbsp;<b>cotton</b></p><ul><li>Blue</li></ul>" },
    { title: "T", description: "Soft cotton Blue" },
    true,
  ],
  [
    "content",
    "entities",
    { title: "T", description: "Tom &amp; Jerry" },
    { title: "T", description: "Tom & Jerry" },
    true,
  ],
  [
    "content",
    "line breaks",
    { title: "T", description: "Line one<br/>Line two" },
    { title: "T", description: "Line one\nLine two" },
    true,
  ],
  [
    "content",
    "different words",
    { title: "T", description: "Soft cotton" },
    { title: "T", description: "Hard cotton" },
    false,
  ],
  ["price", "minor units vs decimal text", { price: 1990, currency: "SGD" }, { price: "19.90", currency: "SGD" }, true],
  ["price", "trailing zero dropped", { price: "19.9", currency: "SGD" }, { price: 1990, currency: "SGD" }, true],
  [
    "price",
    "currency symbol and spaces",
    { price: "S$ 19.90", currency: "SGD" },
    { price: 1990, currency: "SGD" },
    true,
  ],
  ["price", "thousands separators", { price: "1,234.50", currency: "SGD" }, { price: 123450, currency: "SGD" }, true],
  ["price", "comma decimals", { price: "1.234,50", currency: "EUR" }, { price: 123450, currency: "EUR" }, true],
  ["price", "zero-decimal currency", { price: "1,500", currency: "IDR" }, { price: 1500, currency: "IDR" }, true],
  ["price", "one cent apart", { price: "19.91", currency: "SGD" }, { price: 1990, currency: "SGD" }, false],
  ["price", "currency code case", { price: 1990, currency: "sgd" }, { price: 1990, currency: "SGD" }, true],
  [
    "images",
    "scheme, query string and size suffix",
    { images: ["https://cf.shopee.sg/file/abc_tn.jpg?w=100"] },
    { images: ["http://cf.shopee.sg/file/abc"] },
    true,
  ],
  [
    "images",
    "TikTok resize transformation",
    {
      images: [
        "https://p16-oec-va.ibyteimg.com/tos-maliva-i-o3syd03w52-us/abc~tplv-o3syd03w52-resize-jpeg:800:800.jpeg",
      ],
    },
    { images: ["https://p16-oec-va.ibyteimg.com/tos-maliva-i-o3syd03w52-us/abc"] },
    true,
  ],
  [
    "images",
    "host case and www",
    { images: ["https://WWW.Example.com/a.png"] },
    { images: ["example.com/a.png"] },
    true,
  ],
  [
    "images",
    "order matters (the cover)",
    { images: ["a.com/1", "a.com/2"] },
    { images: ["a.com/2", "a.com/1"] },
    false,
  ],
  ["options", "name case and spacing", { options: { " Colour ": "Red " } }, { options: { colour: "Red" } }, true],
  ["options", "key order", { options: { Size: "M", Colour: "Red" } }, { options: { Colour: "Red", Size: "M" } }, true],
  ["options", "value differs", { options: { Colour: "Red" } }, { options: { Colour: "Blue" } }, false],
  ["status", "platform active names", { status: "NORMAL" }, { status: "ACTIVATE" }, true],
  ["status", "master active vs platform", { status: "active" }, { status: "NORMAL" }, true],
  ["status", "unlisted vs deactivated", { status: "UNLIST" }, { status: "SELLER_DEACTIVATED" }, true],
  ["status", "deleted vs active", { status: "SELLER_DELETE" }, { status: "active" }, false],
];

describe("normalisation before comparing", () => {
  for (const [group, name, a, b, equal] of normalisation) {
    it(`${group}: ${name} → ${equal ? "equal" : "different"}`, () => {
      const decision = decideFieldGroup({ group, base: a, master: a, channel: b, policy: "conflict" });
      expect(decision.kind).toBe(equal ? "none" : "channel_only");
    });
  }
});

describe("decideListing", () => {
  it("decides each group on its own and leaves out groups with nothing to do", () => {
    const base = { title: "Tee", description: "Soft", price: 1990, currency: "SGD", status: "active" };
    const decisions = decideListing({
      base,
      master: { ...base, price: 2490 },
      channel: { ...base, title: "Tee (sale)" },
      policies: { ...defaultConflictPolicies, content: "adopt" },
    });
    expect(decisions).toEqual([
      { group: "content", decision: { kind: "channel_only", policy: "adopt" } },
      { group: "price", decision: { kind: "push" } },
    ]);
  });
});

describe("effectivePolicies", () => {
  it("defaults to opening a conflict for every group", () => {
    expect(effectivePolicies(null, null)).toEqual({
      content: "conflict",
      images: "conflict",
      options: "conflict",
      price: "conflict",
      status: "conflict",
    });
  });
  it("a shop override wins over the organization", () => {
    const result = effectivePolicies({ price: "overwrite", content: "adopt" }, { price: "override" });
    expect(result.price).toBe("override");
    expect(result.content).toBe("adopt");
    expect(result.images).toBe("conflict");
  });
});

describe("mootReason", () => {
  it("closes when master and channel agree, or the channel went back to the base", () => {
    const a = { title: "A" };
    const b = { title: "B" };
    const c = { title: "C" };
    expect(mootReason({ group: "content", base: a, master: b, channel: b })).toMatch(/same value/);
    expect(mootReason({ group: "content", base: a, master: b, channel: a })).toMatch(/went back/);
    expect(mootReason({ group: "content", base: a, master: b, channel: c })).toBeNull();
  });
});
