// GET /api/v1/rollouts – rollouts with status and challenger share (?system=&status=)
// POST /api/v1/rollouts – create a draft rollout (plan defaults to the strategy's)
import { z } from "zod";
import { apiRoute, json } from "@/lib/api/route";
import { readJson } from "@/lib/api/read-json";
import { createRolloutSchema } from "@/lib/rollouts/schemas";
import { createRollout } from "@/lib/rollouts/create-rollout";
import { listRollouts, getRolloutDetailOrThrow } from "@/lib/rollouts/queries";
import { presentRollout } from "@/lib/rollouts/present-rollout";
import { slugField } from "@/lib/validation";
import { RolloutStatus } from "@/lib/generated/prisma/enums";

const listQuery = z
  .object({
    system: slugField.optional(),
    /** Comma-separated statuses, e.g. progressing,paused. */
    status: z
      .string()
      .transform((v) => v.split(","))
      .pipe(z.array(z.enum(RolloutStatus, { error: `One of ${Object.values(RolloutStatus).join(", ")}` })))
      .optional(),
  })
  .strict();

export const GET = apiRoute(async ({ request, ctx }) => {
  const q = listQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const rollouts = await listRollouts(ctx, { systemSlug: q.system, status: q.status });
  return {
    rollouts: rollouts.map((r) => ({
      id: r.id,
      name: r.name,
      system: r.system.slug,
      strategy: r.strategy,
      status: r.status,
      desiredWeights: r.desiredWeights,
      inSync: r.inSync,
      author: r.author.name,
      createdAt: r.createdAt,
      variants: r.variants.map((v) => ({ key: v.key, role: v.role, version: v.version.version })),
    })),
  };
});

export const POST = apiRoute(async ({ request, ctx }) => {
  const input = await readJson(request, createRolloutSchema);
  const created = await createRollout({ ctx, input });
  return json({ rollout: presentRollout(await getRolloutDetailOrThrow(ctx, created.id)) }, 201);
});
