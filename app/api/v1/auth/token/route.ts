// POST /api/v1/auth/token – `switchyard login`: email and password → a token acting as that person (public; returned once)
// DELETE /api/v1/auth/token – `switchyard logout`: the calling token revokes itself
import crypto from "node:crypto";
import { apiRoute, json } from "@/lib/api/route";
import { problemFromError } from "@/lib/api/problem";
import { readInput } from "@/lib/api/read-json";
import { issuePersonalTokenSchema } from "@/lib/tokens/schemas";
import { issuePersonalToken } from "@/lib/tokens/issue-personal-token";
import { revokeOwnToken } from "@/lib/tokens/revoke-own-token";
import { clientAddress } from "@/lib/auth/throttle";

export async function POST(request: Request) {
  const requestId = request.headers.get("x-request-id") ?? crypto.randomUUID();
  try {
    const input = await readInput(request, issuePersonalTokenSchema);
    const issued = await issuePersonalToken({ input, requestId, address: clientAddress(request.headers) });
    return json({ token: issued }, 201);
  } catch (error) {
    return problemFromError(error, requestId);
  }
}

export const DELETE = apiRoute(async ({ ctx }) => ({ token: await revokeOwnToken({ ctx }) }));
