import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import { knownIssues } from "./known-issues";

export { expect };

/** A browser problem seen while a spec ran: an error in the console, an uncaught exception, a failed request. */
interface BrowserProblem {
  kind: "console error" | "uncaught exception" | "failed request";
  page: string;
  text: string;
}

type Expected = string | RegExp;

function matches(problem: BrowserProblem, expected: readonly Expected[]): boolean {
  return expected.some((pattern) =>
    typeof pattern === "string" ? problem.text.includes(pattern) : pattern.test(problem.text),
  );
}

/** Navigations and prefetches the app cancels on purpose are not failures. */
function isCancelled(errorText: string): boolean {
  return errorText.includes("ERR_ABORTED") || errorText.includes("NS_BINDING_ABORTED");
}

/** Only the app's own pages count: a marketplace's authorize page (the simulator) is not ours to fix. */
function isOurs(page: Page, origin: string | null): boolean {
  return origin === null || page.url().startsWith(origin) || page.url() === "about:blank";
}

function watch(page: Page, problems: BrowserProblem[], origin: string | null): void {
  page.on("console", (message) => {
    if (message.type() === "error" && isOurs(page, origin))
      problems.push({ kind: "console error", page: page.url(), text: message.text() });
  });
  page.on("pageerror", (error) => {
    if (isOurs(page, origin)) problems.push({ kind: "uncaught exception", page: page.url(), text: error.message });
  });
  page.on("requestfailed", (request) => {
    const errorText = request.failure()?.errorText ?? "failed";
    if (!isCancelled(errorText) && isOurs(page, origin))
      problems.push({
        kind: "failed request",
        page: page.url(),
        text: `${request.method()} ${request.url()}: ${errorText}`,
      });
  });
}

function describe(problems: readonly BrowserProblem[]): string {
  const lines = problems.slice(0, 10).map((p) => `  - ${p.kind} on ${p.page}:\n      ${p.text.split("\n")[0]}`);
  const more = problems.length > 10 ? `\n  … and ${problems.length - 10} more` : "";
  return (
    [`The browser reported ${problems.length} problem(s) this spec did not expect:`, ...lines].join("\n") +
    more +
    `\n\nFix the page. If the spec provokes this on purpose (a refused request, an offline test), declare it:\n` +
    `  test.use({ expectedBrowserErrors: [/the message/] });          // for the whole file\n` +
    `  expectBrowserError(/the message/);                              // inside one test, before the action\n` +
    `A string matches by substring, a RegExp by test(); both are checked against the console text or request.`
  );
}

const perTest: Expected[] = [];

/**
 * Declares, inside one test, a browser error the test provokes on purpose. Call it before the
 * action; it lasts until the test ends.
 */
export function expectBrowserError(pattern: Expected): void {
  perTest.push(pattern);
}

/**
 * The `test` every spec uses: it fails a test on any console error, uncaught exception or failed
 * request of any page in its browser context (pages opened later included) that the spec did not
 * declare with `expectedBrowserErrors` or `expectBrowserError`. Extra contexts a spec creates
 * itself are watched by passing them to `watchContext`.
 */
export const test = base.extend<{
  expectedBrowserErrors: Expected[];
  browserProblems: BrowserProblem[];
  watchContext: (context: BrowserContext) => void;
}>({
  expectedBrowserErrors: [[], { option: true }],
  browserProblems: [
    async ({ context, expectedBrowserErrors, baseURL }, provide) => {
      perTest.length = 0;
      const problems: BrowserProblem[] = [];
      const origin = baseURL ? new URL(baseURL).origin : null;
      for (const page of context.pages()) watch(page, problems, origin);
      context.on("page", (page) => watch(page, problems, origin));
      await provide(problems);
      const unexpected = problems.filter((p) => !matches(p, [...knownIssues, ...expectedBrowserErrors, ...perTest]));
      perTest.length = 0;
      if (unexpected.length > 0) throw new Error(describe(unexpected));
    },
    { auto: true },
  ],
  watchContext: async ({ browserProblems, baseURL }, provide) => {
    const origin = baseURL ? new URL(baseURL).origin : null;
    await provide((context) => {
      for (const page of context.pages()) watch(page, browserProblems, origin);
      context.on("page", (page) => watch(page, browserProblems, origin));
    });
  },
});
