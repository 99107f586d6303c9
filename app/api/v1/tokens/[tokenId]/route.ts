// DELETE /api/v1/tokens/[tokenId] – revoke a token (admin)
import { apiRoute } from "@/lib/api/route";
import { idField } from "@/lib/validation";
import { revokeApiToken } from "@/lib/tokens/revoke-api-token";

export const DELETE = apiRoute<{ tokenId: string }>(async ({ ctx, params }) => ({
  token: await revokeApiToken({ ctx, input: { tokenId: idField.parse(params.tokenId) } }),
}));
