/**
 * Browser errors the product is known to raise and that are tracked as open work. The guard in
 * `test.ts` accepts exactly these on every page, so every other error still fails a spec. Remove
 * an entry with its fix.
 *
 * React's hydration error #418 (issue 12). Team, Audit and Settings → Profile now render what the
 * server rendered until they have hydrated, and the Live indicator shows "Connecting" until then.
 * `e2e/shell/hydration.spec.ts` loads every dashboard page with its code held back until the shell
 * is live and still sees #418 on Home (text), Channels, Inventory and Orders (HTML) on a loaded
 * machine, so it stays accepted here until those are found.
 */
export const knownIssues: readonly RegExp[] = [/Minified React error #418/];
