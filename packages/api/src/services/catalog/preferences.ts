import { DomainError } from "@syncstore/domain";
import { SavedView, UserGridState } from "@syncstore/db";
import { withChange } from "../../core/change";
import type { OrgScope } from "../scope";
import { sqlRows } from "../sql";

/** The only grid with saved layouts so far; the column leaves room for others. */
export const CATALOG_GRID = "catalog";

export async function getGridState(scope: OrgScope): Promise<Record<string, unknown> | null> {
  const row = await scope.em.findOne(UserGridState, { userId: scope.actor.userId, grid: CATALOG_GRID });
  return row?.state ?? null;
}

/**
 * A personal layout (column widths, order, sort), saved on every resize: not audited, since it
 * changes nothing anyone else sees. Named views, which are deliberate, are.
 */
export async function saveGridState(scope: OrgScope, state: Record<string, unknown>): Promise<void> {
  await sqlRows(
    scope.em,
    `insert into user_grid_state (id, organization_id, user_id, grid, state, updated_at)
     values (gen_random_uuid(), $1, $2, $3, $4::jsonb, now())
     on conflict (organization_id, user_id, grid) do update set state = excluded.state, updated_at = now()`,
    [scope.actor.organizationId, scope.actor.userId, CATALOG_GRID, JSON.stringify(state)],
  );
}

export interface SavedViewDto {
  id: string;
  name: string;
  state: Record<string, unknown>;
  updatedAt: Date;
}

export async function listViews(scope: OrgScope): Promise<SavedViewDto[]> {
  const views = await scope.em.find(
    SavedView,
    { userId: scope.actor.userId, grid: CATALOG_GRID },
    { orderBy: { name: "asc" } },
  );
  return views.map((view) => ({ id: view.id, name: view.name, state: view.state, updatedAt: view.updatedAt }));
}

/** Creates a view, or replaces the one with the same id (or, without an id, the same name). */
export async function saveView(
  scope: OrgScope,
  input: { id?: string; name: string; state: Record<string, unknown> },
): Promise<{ id: string }> {
  return withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const tx = change.tx;
    const mine = { userId: scope.actor.userId, grid: CATALOG_GRID };
    const existing = input.id
      ? await tx.findOne(SavedView, { ...mine, id: input.id })
      : await tx.findOne(SavedView, { ...mine, name: input.name });
    if (input.id && !existing) throw new DomainError("NOT_FOUND", `View ${input.id} was not found`);
    const clash = await tx.findOne(SavedView, {
      ...mine,
      name: input.name,
      ...(existing ? { id: { $ne: existing.id } } : {}),
    });
    if (clash) throw new DomainError("CONFLICT", `You already have a view named "${input.name}"; choose another name`);
    const view =
      existing ??
      tx.create(SavedView, {
        organizationId: scope.actor.organizationId,
        userId: scope.actor.userId,
        grid: CATALOG_GRID,
        name: input.name,
        state: input.state,
      });
    const before = existing ? { name: existing.name, state: existing.state } : null;
    view.name = input.name;
    view.state = input.state;
    change.audit({
      action: existing ? "view.update" : "view.create",
      entity: "saved_view",
      entityId: view.id,
      before,
      after: { name: input.name, state: input.state },
    });
    return { id: view.id };
  });
}

export async function deleteView(scope: OrgScope, id: string): Promise<void> {
  await withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const view = await change.tx.findOne(SavedView, { id, userId: scope.actor.userId });
    if (!view) throw new DomainError("NOT_FOUND", `View ${id} was not found`);
    change.tx.remove(view);
    change.audit({
      action: "view.delete",
      entity: "saved_view",
      entityId: id,
      before: { name: view.name },
      after: null,
    });
  });
}
