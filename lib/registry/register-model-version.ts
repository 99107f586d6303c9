import "server-only";
import { db } from "../db";
import { recordAudit } from "../audit/record-audit";
import { ConflictError, NotFoundError } from "../errors";
import { requirePermission, type ServiceContext } from "../permissions";
import type { RegisterVersionInput } from "./schemas";
import { Prisma } from "../generated/prisma/client";

/** Registers a model version built by a pipeline. Provenance (digest, pipeline run) is
 * enforced by the schema; a version number is registered once per model. */
export async function registerModelVersion({ ctx, input }: { ctx: ServiceContext; input: RegisterVersionInput }) {
  requirePermission(ctx, "registry.write");
  const system = await db.system.findUnique({ where: { slug: input.system } });
  if (!system) throw new NotFoundError(`No system "${input.system}". An admin registers systems first.`);
  try {
    return await db.$transaction(async (tx) => {
      const model = await tx.model.upsert({
        where: { systemId_name: { systemId: system.id, name: input.model } },
        create: { systemId: system.id, name: input.model },
        update: {},
      });
      const version = await tx.modelVersion.create({
        data: {
          modelId: model.id,
          version: input.version,
          artifactUri: input.artifactUri,
          digest: input.digest,
          pipelineRunId: input.pipelineRunId,
          pipelineRunUrl: input.pipelineRunUrl,
          sourceCommit: input.sourceCommit,
          offlineMetrics: input.offlineMetrics,
          registeredBy: ctx.actor.label,
        },
      });
      await recordAudit(tx, ctx, {
        action: "model_version.register",
        entityType: "model_version",
        entityId: version.id,
        after: version,
        meta: { system: system.slug, model: model.name },
      });
      return {
        ...version,
        model: { id: model.id, name: model.name },
        system: { id: system.id, slug: system.slug, name: system.name },
      };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new ConflictError(`Version ${input.version} of model ${input.model} is already registered.`);
    }
    throw error;
  }
}
