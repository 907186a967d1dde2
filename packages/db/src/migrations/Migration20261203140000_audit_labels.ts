import { Migration } from '@mikro-orm/migrations';

/**
 * Every audit row keeps what a person called its entity when it was written (SKU, product title,
 * shop name, member email …). Writers that know the label pass it; for every other writer (the
 * set-based catalog writers, better-auth's hooks, helpers added later) the insert trigger looks it
 * up, falling back to the name in the row's own "before" snapshot when the entity is already gone.
 */
export class Migration20261203140000_audit_labels extends Migration {

  override name = 'Migration20261203140000_audit_labels';

  override up(): void | Promise<void> {
    this.addSql(`create or replace function "audit_entity_label"(entity text, entity_id text, diff jsonb) returns text language plpgsql stable as $$ declare uid uuid := case when entity_id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then entity_id::uuid end; label text; begin label := case entity when 'product' then (select title from product where id = uid) when 'variant' then (select sku from variant where id = uid) when 'channel_connection' then (select name from channel_connection where id = uid) when 'listing' then (select coalesce(l.external_sku, v.sku, l.external_title) from listing l left join variant v on v.id = l.variant_id where l.id = uid) when 'saved_view' then (select name from saved_view where id = uid) when 'report_schedule' then (select name from report_schedule where id = uid) when 'alert' then (select title from alert where id = uid) when 'organization' then (select name from organization where id = entity_id) when 'member' then (select u.email from member m join "user" u on u.id = m.user_id where m.id = entity_id) when 'user' then (select email from "user" where id = entity_id) when 'invitation' then (select email from invitation where id = entity_id) end; return coalesce(label, diff->'sku'->>'before', diff->'title'->>'before', diff->'name'->>'before', diff->'email'->>'before', diff->'sku'->>'after', diff->'title'->>'after', diff->'name'->>'after', diff->'email'->>'after'); end; $$;`);
    this.addSql(`create or replace function "audit_log_entity_label_fn"() returns trigger as $$ begin if new.entity_label is null and new.entity_id is not null then new.entity_label := audit_entity_label(new.entity, new.entity_id, new.diff); end if; return new; end; $$ language plpgsql;`);
    this.addSql(`create trigger "entity_label" BEFORE INSERT on "audit_log" for each ROW execute function "audit_log_entity_label_fn"();`);
    this.addSql(`update "audit_log" set "entity_label" = audit_entity_label("entity", "entity_id", "diff") where "entity_label" is null and "entity_id" is not null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "entity_label" on "audit_log";`);
    this.addSql(`drop function if exists "audit_log_entity_label_fn"();`);
    this.addSql(`drop function if exists "audit_entity_label"(text, text, jsonb);`);
  }

}
