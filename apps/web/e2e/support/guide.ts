import path from "node:path";
import type { Page } from "@playwright/test";

/** Where the user guide's images live (`docs/guide/images`), relative to apps/web where Playwright runs. */
export const guideImages = path.resolve(process.cwd(), "../../docs/guide/images");

/** The widths every guide image is taken at: a desktop and a laptop. */
export const guideWidths = [1440, 1280] as const;

/**
 * Takes the named screenshots of the current page for the user guide (`docs/guide/images/<name>-<width>.png`)
 * when `GUIDE_SCREENSHOTS=1` (`pnpm docs:screenshots`), and does nothing otherwise, so journeys stay fast in CI.
 * The viewport is restored afterwards.
 */
export async function guideShot(
  page: Page,
  name: string,
  options: { fullPage?: boolean; height?: number } = {},
): Promise<void> {
  if (process.env.GUIDE_SCREENSHOTS !== "1") return;
  const before = page.viewportSize();
  for (const width of guideWidths) {
    await page.setViewportSize({ width, height: options.height ?? before?.height ?? 900 });
    // The new width's layout painted before the capture (a full-page capture taken right after the
    // resize showed tables that change columns at this width blank).
    await page.evaluate(() => new Promise((painted) => requestAnimationFrame(() => requestAnimationFrame(painted))));
    await page.screenshot({ path: path.join(guideImages, `${name}-${width}.png`), fullPage: options.fullPage ?? true });
  }
  if (before) await page.setViewportSize(before);
}
