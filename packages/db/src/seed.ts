import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { createOrm } from "./orm";
import { AuditLog } from "./entities/audit-log";
import { Account, Member, Organization, User } from "./entities/auth";
import { seedDemoCatalog } from "./seed-catalog";

/** The demo login `npm start` prints. Local only: the seed never runs in production. */
export const demoLogin = {
  email: "owner@demo.syncstore.local",
  password: "demo-Password-2026",
  name: "Demo Owner",
  organizationName: "Demo Store",
  organizationSlug: "demo-store",
} as const;

/**
 * Creates the demo organization with its owner and a demo catalog (categories, ~60 products,
 * their variants and stock with an "import" movement), once. Returns the login when it created it, or
 * null when the organization already existed (a second `npm start` reuses the data).
 */
export async function seedDemo(
  url: string,
): Promise<{ email: string; password: string; organizationName: string } | null> {
  const orm = await createOrm(url, { pool: { min: 0, max: 2 } });
  try {
    const em = orm.em.fork();
    const existing = await em.findOne(Organization, { slug: demoLogin.organizationSlug });
    if (existing) {
      // Databases seeded before the catalog existed get it on the next start.
      await seedDemoCatalog(em, existing.id);
      return null;
    }
    const organizationId = randomUUID();
    await em.transactional(async (tx) => {
      const now = new Date();
      const userId = randomUUID();
      tx.create(User, {
        id: userId,
        name: demoLogin.name,
        email: demoLogin.email,
        emailVerified: true,
        createdAt: now,
        updatedAt: now,
      });
      tx.create(Account, {
        id: randomUUID(),
        userId,
        accountId: userId,
        providerId: "credential",
        password: await hashPassword(demoLogin.password),
        createdAt: now,
        updatedAt: now,
      });
      tx.create(Organization, {
        id: organizationId,
        name: demoLogin.organizationName,
        slug: demoLogin.organizationSlug,
        createdAt: now,
      });
      tx.create(Member, { id: randomUUID(), organizationId, userId, role: "owner", createdAt: now });
      tx.create(AuditLog, {
        organizationId,
        actorId: userId,
        action: "organization.create",
        entity: "organization",
        entityId: organizationId,
        diff: { name: { before: null, after: demoLogin.organizationName } },
      });
    });
    await seedDemoCatalog(em, organizationId);
    return { email: demoLogin.email, password: demoLogin.password, organizationName: demoLogin.organizationName };
  } finally {
    await orm.close(true);
  }
}
