/** What the global setup hands to test files through vitest's provide/inject. */
declare module "vitest" {
  export interface ProvidedContext {
    /** Migrated template database of this run; test files clone it, never connect to it. */
    syncstoreTemplateDatabaseUrl: string;
  }
}

export {};
