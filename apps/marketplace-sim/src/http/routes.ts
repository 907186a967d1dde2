import { type Router } from "express";

/** One route a router serves: its path pattern (`:name` segments) and methods. */
export interface ServedRoute {
  pattern: RegExp;
  path: string;
  methods: Set<string>;
}

interface Layer {
  route?: { path: unknown; methods: Record<string, boolean> };
}

function toPattern(path: string): RegExp {
  const escaped = path
    .split("/")
    .map((segment) => (segment.startsWith(":") ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return new RegExp(`^${escaped}/?$`);
}

/** The routes the routers declare, read from Express's route table (so the list never drifts). */
export function servedRoutes(routers: readonly Router[]): ServedRoute[] {
  const routes: ServedRoute[] = [];
  for (const router of routers) {
    for (const layer of router.stack as Layer[]) {
      const path = layer.route?.path;
      if (typeof path !== "string") continue;
      const methods = new Set(
        Object.entries(layer.route?.methods ?? {})
          .filter(([, on]) => on)
          .map(([method]) => method.toUpperCase()),
      );
      routes.push({ pattern: toPattern(path), path, methods });
    }
  }
  return routes;
}

export type Unmatched =
  { kind: "method"; allowed: string[] } | { kind: "version"; served: string[] } | { kind: "path" };

/**
 * Why no route answered: the path exists with other methods, the resource exists under another
 * API version (`/{category}/{version}/...` for TikTok, `/api/v{n}/...` for Shopee), or neither.
 */
export function whyUnmatched(routes: readonly ServedRoute[], method: string, path: string): Unmatched {
  const samePath = routes.filter((route) => route.pattern.test(path));
  if (samePath.length > 0) return { kind: "method", allowed: [...new Set(samePath.flatMap((r) => [...r.methods]))] };
  const versioned = /^(\/[^/]+)\/(\d{6}|v\d+)(\/.*)$/.exec(path);
  if (versioned) {
    const [, head, , tail] = versioned;
    const served = routes
      .map((route) => {
        const match = /^(\/[^/]+)\/(\d{6}|v\d+)(\/.*)$/.exec(route.path);
        if (!match || match[1] !== head) return undefined;
        const candidate = `${head}/${match[2]}${tail}`;
        return route.pattern.test(candidate) ? match[2] : undefined;
      })
      .filter((version): version is string => version !== undefined);
    if (served.length > 0) return { kind: "version", served: [...new Set(served)] };
  }
  return { kind: "path" };
}
