"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authActionClient } from "../safe-action";
import { verifyAuditChain } from "./verify-audit-chain";

export const verifyAuditChainAction = authActionClient
  .metadata({ name: "verifyAuditChain" })
  .inputSchema(z.object({}))
  .action(async ({ ctx }) => {
    const result = await verifyAuditChain({ ctx });
    revalidatePath("/audit");
    return result;
  });
