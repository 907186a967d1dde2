import { randomUUID } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { Organization, User } from "./auth";

/**
 * A CSV upload waiting between its dry run and apply. The parsed records live in
 * `catalog_import_row`; `operationId` is set when an apply starts (an upload applies once), and
 * the hourly housekeeping removes uploads never applied after 24 hours and those whose operation
 * has finished.
 */
export const CatalogImport = defineEntity({
  name: "CatalogImport",
  tableName: "catalog_import",
  indexes: [{ properties: ["createdAt"] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    organizationId: () => p.manyToOne(Organization).mapToPk().fieldName("organization_id").deleteRule("cascade"),
    createdById: () => p.manyToOne(User).mapToPk().nullable().fieldName("created_by_id").deleteRule("set null"),
    fileName: p.string().columnType("text").nullable(),
    bytes: p.integer().default(0),
    /** The header row's cells (the first record that parsed). */
    headers: p.json<string[]>().nullable(),
    /** Records after the header, malformed ones included. */
    rows: p.integer().default(0),
    operationId: p.uuid().nullable(),
    createdAt: p
      .datetime()
      .defaultRaw("now()")
      .onCreate(() => new Date()),
  },
});
export type CatalogImport = InferEntity<typeof CatalogImport>;

/**
 * One record of an upload in file order (`n` counts every record, the header's is 0): its cells,
 * or why it could not be parsed; an apply also records here why a row is not applied.
 */
export const CatalogImportRow = defineEntity({
  name: "CatalogImportRow",
  tableName: "catalog_import_row",
  properties: {
    importId: () => p.manyToOne(CatalogImport).mapToPk().primary().fieldName("import_id").deleteRule("cascade"),
    n: p.integer().primary(),
    organizationId: () => p.manyToOne(Organization).mapToPk().fieldName("organization_id").deleteRule("cascade"),
    cells: p.json<string[]>().nullable(),
    error: p.string().columnType("text").nullable(),
  },
});
export type CatalogImportRow = InferEntity<typeof CatalogImportRow>;

export const catalogImportEntities = [CatalogImport, CatalogImportRow];
