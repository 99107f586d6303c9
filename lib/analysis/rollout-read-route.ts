import "server-only";
import crypto from "node:crypto";
import { z } from "zod";
import { json } from "@/lib/api/route";
import { problem, problemFromError } from "@/lib/api/problem";
import { getSessionContext } from "@/lib/context";
import { requirePermission } from "@/lib/permissions";
import { idField } from "@/lib/validation";

/** GET glue for the dashboard's polling routes: session, rollouts.read, 404 when the loader finds nothing. */
export function rolloutReadRoute(load: (rolloutId: string) => Promise<unknown | null>) {
  return async (request: Request, context: { params: Promise<{ rolloutId: string }> }) => {
    const requestId = request.headers.get("x-request-id") ?? crypto.randomUUID();
    try {
      const ctx = await getSessionContext();
      if (!ctx) return problem(401, "Sign in to see rollout metrics.", { code: "unauthorized", requestId });
      requirePermission(ctx, "rollouts.read");
      const { rolloutId } = z.object({ rolloutId: idField }).parse(await context.params);
      const body = await load(rolloutId);
      if (body === null) return problem(404, "No such rollout.", { code: "not_found", requestId });
      const res = json(body);
      res.headers.set("cache-control", "no-store");
      return res;
    } catch (error) {
      return problemFromError(error, requestId);
    }
  };
}
