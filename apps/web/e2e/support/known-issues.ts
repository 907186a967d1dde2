/**
 * Browser errors the product is known to raise and that are tracked as open work. The guard in
 * `test.ts` accepts exactly these on every page, so every other error still fails a spec. Remove
 * an entry with its fix.
 *
 * None at present. React's hydration error #418 (issue 12) was the last: `e2e/shell/hydration.spec.ts`
 * loads every dashboard page with its code arriving after the account data and fails if it returns.
 */
export const knownIssues: readonly RegExp[] = [];
