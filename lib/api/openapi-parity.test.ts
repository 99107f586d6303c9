// REST parity: everything a person can do in the UI (every exported *Action of a "use server" file)
// has a documented route under /api/v1, every documented route exists, every route is documented,
// and every example body is one the route accepts. Found mechanically, so actions added later are
// caught too.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument, OPERATIONS, type Operation } from "./openapi";
import "./openapi-operations";

const ROOT = path.resolve(import.meta.dirname, "../..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

describe("REST parity with the server actions", () => {
  const actions = findServerActions();

  it("finds the server actions (sanity)", () => {
    expect(actions.length).toBeGreaterThan(30);
    expect(actions.map((a) => a.name)).toContain("approveRolloutAction");
  });

  it("every server action has a documented /api/v1 route over the same verb", () => {
    const documented = new Set(OPERATIONS.flatMap((op) => op.serverActions ?? []));
    const missing = actions
      .filter((a) => !documented.has(a.name))
      .map(
        (a) =>
          `${a.name} (${a.file}) has no REST route: add a route handler under app/api/v1 that calls the same verb, ` +
          `and list "${a.name}" in serverActions of its operation in the domain's openapi.ts`,
      );
    expect(missing).toEqual([]);
  });

  it("every action named by an operation exists", () => {
    const known = new Set(actions.map((a) => a.name));
    const stale = OPERATIONS.flatMap((op) =>
      (op.serverActions ?? []).filter((name) => !known.has(name)).map((name) => `${label(op)} names ${name}`),
    );
    expect(stale).toEqual([]);
  });

  it("every documented operation has a route handler exporting its method", () => {
    const missing = OPERATIONS.filter(
      (op) => !routeMethods(routeFileOf(op.path)).includes(op.method.toUpperCase()),
    ).map((op) => `${label(op)}: no ${op.method.toUpperCase()} export in ${routeFileOf(op.path)}`);
    expect(missing).toEqual([]);
  });

  it("every /api/v1 route handler is documented", () => {
    const documented = new Set(OPERATIONS.map((op) => `${op.method.toUpperCase()} ${routeFileOf(op.path)}`));
    const undocumented = listRouteFiles(path.join(ROOT, "app/api/v1"))
      .filter((file) => !file.includes("[...rest]"))
      .flatMap((file) => routeMethods(file).map((m) => `${m} ${file}`))
      .filter((key) => !documented.has(key));
    expect(undocumented).toEqual([]);
  });

  it("every domain's openapi.ts is part of the document", () => {
    const registry = fs.readFileSync(path.join(ROOT, "lib/api/openapi-operations.ts"), "utf8");
    const files = walk(path.join(ROOT, "lib"))
      .filter((f) => path.basename(f) === "openapi.ts" && !f.endsWith("lib/api/openapi.ts"))
      .map((f) => path.relative(path.join(ROOT, "lib"), f).replace(/\.ts$/, ""));
    expect(files.filter((f) => !registry.includes(`"../${f}"`))).toEqual([]);
  });
});

describe("OpenAPI examples", () => {
  it("every body has an example the route's schema accepts", () => {
    const bad = OPERATIONS.filter((op) => op.body).flatMap((op) => {
      if (op.example === undefined) return [`${label(op)}: no example body`];
      const parsed = op.body!.safeParse(op.example);
      return parsed.success ? [] : [`${label(op)}: ${parsed.error.issues.map((i) => i.message).join("; ")}`];
    });
    expect(bad).toEqual([]);
  });

  it("every operation shows an answer, and writes name their permission", () => {
    const bad = OPERATIONS.filter(
      (op) =>
        op.responseExample === undefined ||
        (op.method !== "get" && !op.public && !op.permission && !op.path.endsWith("/auth/token")),
    ).map(label);
    expect(bad).toEqual([]);
  });

  it("the document lists every operation once with its path parameters", () => {
    const doc = buildOpenApiDocument("http://localhost:3000");
    const count = Object.values(doc.paths).reduce((n, p) => n + Object.keys(p).length, 0);
    expect(count).toBe(OPERATIONS.length);
    for (const op of OPERATIONS) {
      const entry = doc.paths[op.path]![op.method] as { parameters?: { name: string; in: string }[] };
      const names = (entry.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name);
      expect(names).toEqual([...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
    }
    const ids = OPERATIONS.map((op) => (doc.paths[op.path]![op.method] as { operationId: string }).operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

interface FoundAction {
  name: string;
  file: string;
}

/** Exported *Action names of every file with a "use server" directive (app, lib, components). */
function findServerActions(): FoundAction[] {
  const found: FoundAction[] = [];
  for (const dir of ["app", "lib", "components"]) {
    for (const file of walk(path.join(ROOT, dir))) {
      if (!/\.(ts|tsx)$/.test(file) || file.includes(`${path.sep}generated${path.sep}`)) continue;
      const text = fs.readFileSync(file, "utf8");
      if (!/^\s*["']use server["'];?\s*$/m.test(text)) continue;
      const rel = path.relative(ROOT, file);
      const names = new Set<string>();
      for (const m of text.matchAll(/export\s+(?:const|let|var)\s+(\w+Action)\b/g)) names.add(m[1]!);
      for (const m of text.matchAll(/export\s+(?:async\s+)?function\s+(\w+Action)\b/g)) names.add(m[1]!);
      for (const m of text.matchAll(/export\s*\{([^}]*)\}/g))
        for (const part of m[1]!.split(",")) {
          const exported = part
            .trim()
            .split(/\s+as\s+/)
            .pop()!;
          if (/Action$/.test(exported)) names.add(exported);
        }
      for (const name of names) found.push({ name, file: rel });
    }
  }
  return found;
}

/** "/api/v1/rollouts/{rolloutId}" → "app/api/v1/rollouts/[rolloutId]/route.ts". */
function routeFileOf(apiPath: string): string {
  return path.join("app", apiPath.replace(/\{(\w+)\}/g, "[$1]"), "route.ts");
}

function routeMethods(rel: string): string[] {
  const file = path.join(ROOT, rel);
  if (!fs.existsSync(file)) return [];
  const text = fs.readFileSync(file, "utf8");
  return METHODS.filter((m) =>
    new RegExp(`export\\s+(?:const\\s+${m}\\b|(?:async\\s+)?function\\s+${m}\\b|\\{[^}]*\\bas\\s+${m}\\b)`).test(text),
  );
}

function listRouteFiles(dir: string): string[] {
  return walk(dir)
    .filter((f) => path.basename(f) === "route.ts")
    .map((f) => path.relative(ROOT, f));
}

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" || e.name.startsWith(".") ? [] : walk(full);
    return [full];
  });
}

function label(op: Operation): string {
  return `${op.method.toUpperCase()} ${op.path}`;
}
