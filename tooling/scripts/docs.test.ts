import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The documentation holds together: every relative link and image in docs/ and the README points at
 * something that exists (and every #anchor at a heading of that page), and every page of the admin
 * has a user-guide page listed in docs/guide/README.md. The generated references (API, database)
 * have their own staleness tests next to their generators.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return markdownFiles(full);
    return name.endsWith(".md") ? [full] : [];
  });
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, "")
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchors(file: string): Set<string> {
  const text = readFileSync(file, "utf8").replace(/```[\s\S]*?```/g, "");
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const match of text.matchAll(/^#{1,6}\s+(.+)$/gm)) {
    const base = slug(match[1]!);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  }
  return result;
}

/** Relative targets of links and images, outside code blocks and inline code. */
function links(file: string): string[] {
  const text = readFileSync(file, "utf8")
    .replace(/```[\s\S]*?```/g, "")
    .replace(/`[^`\n]*`/g, "");
  const targets = [...text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((match) => match[1]!);
  const html = [...text.matchAll(/<img[^>]+src="([^"]+)"/g)].map((match) => match[1]!);
  return [...targets, ...html].filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

const documents = [path.join(root, "README.md"), ...markdownFiles(path.join(root, "docs"))];

describe("documentation links", () => {
  it.each(documents.map((file) => [path.relative(root, file), file]))("%s", (_name, file) => {
    const broken: string[] = [];
    for (const target of links(file)) {
      const [pathPart, anchor] = target.split("#") as [string, string | undefined];
      const resolved = pathPart === "" ? file : path.resolve(path.dirname(file), decodeURI(pathPart));
      if (!existsSync(resolved)) {
        broken.push(`${target} (no such file)`);
        continue;
      }
      if (anchor && resolved.endsWith(".md") && !anchors(resolved).has(anchor))
        broken.push(`${target} (no such heading)`);
    }
    expect(broken).toEqual([]);
  });
});

/** Every route of the signed-in admin, from apps/web/src/app/(dashboard)/**\/page.tsx. */
function dashboardRoutes(): string[] {
  const base = path.join(root, "apps/web/src/app/(dashboard)");
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return walk(full);
      return name === "page.tsx" ? [path.dirname(full)] : [];
    });
  return walk(base)
    .map(
      (dir) =>
        "/" +
        path
          .relative(base, dir)
          .split(path.sep)
          .filter((part) => !part.startsWith("("))
          .join("/"),
    )
    .sort();
}

describe("user guide", () => {
  const index = readFileSync(path.join(root, "docs/guide/README.md"), "utf8");
  /** `| \`/route\` | [Page](file.md) |` rows of the guide's index. */
  const listed = new Map(
    [...index.matchAll(/^\|\s*`(\/[^`]*)`\s*\|\s*\[[^\]]+\]\(([^)#]+)(?:#[^)]*)?\)/gm)].map((match) => [
      match[1]!,
      match[2]!,
    ]),
  );

  it("has a page for every page of the admin", () => {
    const routes = dashboardRoutes();
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((route) => !listed.has(route))).toEqual([]);
  });

  it("lists only pages that exist, in the admin and in the guide", () => {
    const routes = new Set(dashboardRoutes());
    expect([...listed.keys()].filter((route) => !routes.has(route))).toEqual([]);
    expect([...listed.values()].filter((file) => !existsSync(path.join(root, "docs/guide", file)))).toEqual([]);
  });
});
