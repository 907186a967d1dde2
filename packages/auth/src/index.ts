export { createAuth, getAuth, type Auth, type CreateAuthOptions } from "./server";
export * from "./permissions";
