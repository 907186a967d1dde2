/*
 * A coverage report (istanbul-lib-report's custom report interface, loaded by vitest's v8 provider
 * with a native `import()`, so plain erasable TypeScript without imports): the text summary of the
 * package's OWN files only. A package's run also measures the other packages' sources its tests
 * execute (written to coverage-final.json, merged across packages at the end of `npm test`); this
 * summary prints what the package's own tests reach in its own `src/`, as `text-summary` did.
 */

interface Totals {
  total: number;
  covered: number;
}

interface FileSummary {
  data: Record<"lines" | "statements" | "functions" | "branches", Totals>;
}

interface TreeNode {
  isSummary(): boolean;
  getFileCoverage(): { path: string; toSummary(): FileSummary };
}

interface ReportContext {
  getTree(name: string): { visit(visitor: { onDetail(node: TreeNode): void }): void };
}

const METRICS = ["statements", "branches", "functions", "lines"] as const;

export default class OwnCoverageSummary {
  private readonly root: string;

  constructor(options: { projectRoot?: string }) {
    this.root = `${(options.projectRoot ?? process.cwd()).replace(/\/$/, "")}/src/`;
  }

  execute(context: ReportContext): void {
    const sums = Object.fromEntries(METRICS.map((metric) => [metric, { total: 0, covered: 0 }])) as Record<
      (typeof METRICS)[number],
      Totals
    >;
    context.getTree("flat").visit({
      onDetail: (node) => {
        const file = node.getFileCoverage();
        if (!file.path.startsWith(this.root)) return;
        const summary = file.toSummary().data;
        for (const metric of METRICS) {
          sums[metric].total += summary[metric].total;
          sums[metric].covered += summary[metric].covered;
        }
      },
    });
    const label = { statements: "Statements", branches: "Branches", functions: "Functions", lines: "Lines" };
    const pct = ({ total, covered }: Totals) =>
      total === 0 ? "Unknown%" : `${Math.floor((covered / total) * 10_000) / 100}%`;
    const rule = "=".repeat(80);
    process.stdout.write(
      [
        "",
        `${"=".repeat(31)} Coverage summary ${"=".repeat(31)}`,
        ...METRICS.map(
          (metric) =>
            `${label[metric].padEnd(13)}: ${pct(sums[metric])} ( ${sums[metric].covered}/${sums[metric].total} )`,
        ),
        rule,
        "",
      ].join("\n"),
    );
  }
}
