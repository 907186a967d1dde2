/**
 * Browser errors the product is known to raise and that are tracked as open work. The guard in
 * `test.ts` accepts exactly these on every page, so every other error still fails a spec. Remove
 * an entry with its fix.
 *
 * React's hydration error #418 (issue 12). `e2e/shell/hydration.spec.ts` loads every dashboard page
 * with its code held back until the shell is live. On 2026-12-03 (a heavily loaded machine) it
 * still saw #418 on Home and Team (text) and on Channels, Orders, Alerts, Webhooks and every
 * /settings/* page (HTML: the common part is the settings layout); Products, Inventory, Sync,
 * Conflicts, Analytics, Reports and Audit hydrated cleanly. It stays accepted here until those
 * causes are found; the hydration spec checks the clean pages so they stay clean.
 */
export const knownIssues: readonly RegExp[] = [/Minified React error #418/];
