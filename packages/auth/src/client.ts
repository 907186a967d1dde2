import { organizationClient } from "better-auth/client/plugins";
import { createAuthClient } from "better-auth/react";
import { ac, roles } from "./permissions";

/** Browser client: sign-up, sign-in, sign-out, session and active-organization switching. */
export const authClient = createAuthClient({
  plugins: [organizationClient({ ac, roles })],
});

export type Session = typeof authClient.$Infer.Session;
