/**
 * Open conflicts that concern listing `l`: its own, and the content conflict of its channel product
 * (title and description belong to the product: one conflict per product and shop, whatever the
 * number of variants).
 */
export const OWN_OR_PRODUCT_CONFLICT = `c.listing_id = l.id or (c.field_group = 'content' and c.listing_id in (
  select s.id from listing s where s.connection_id = l.connection_id and s.external_product_id = l.external_product_id))`;
