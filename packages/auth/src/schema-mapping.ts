/** better-auth speaks camelCase field names; our tables (MikroORM migrations) use snake_case. */
function snake(fields: readonly string[]): Record<string, string> {
  return Object.fromEntries(fields.map((field) => [field, field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)]));
}

export const coreSchema = {
  user: { fields: snake(["emailVerified", "createdAt", "updatedAt"]) },
  session: { fields: snake(["expiresAt", "ipAddress", "userAgent", "userId", "createdAt", "updatedAt"]) },
  account: {
    fields: snake([
      "accountId",
      "providerId",
      "userId",
      "accessToken",
      "refreshToken",
      "idToken",
      "accessTokenExpiresAt",
      "refreshTokenExpiresAt",
      "createdAt",
      "updatedAt",
    ]),
  },
  verification: { fields: snake(["expiresAt", "createdAt", "updatedAt"]) },
};

export const organizationSchema = {
  organization: { fields: snake(["createdAt"]) },
  member: { fields: snake(["organizationId", "userId", "createdAt"]) },
  invitation: { fields: snake(["organizationId", "expiresAt", "inviterId", "createdAt"]) },
  session: { fields: snake(["activeOrganizationId"]) },
};

export const rateLimitSchema = { modelName: "rate_limit", fields: snake(["lastRequest"]) };
