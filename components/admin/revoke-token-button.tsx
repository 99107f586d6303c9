"use client";
import { useAction } from "next-safe-action/hooks";
import { revokeApiTokenAction } from "@/lib/tokens/actions";
import { Button } from "../ui/button";

export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const { execute, isPending, result } = useAction(revokeApiTokenAction);
  return (
    <>
      <Button
        variant="secondary"
        disabled={isPending}
        onClick={() => {
          if (window.confirm(`Revoke “${name}”? Pipelines using it will get 401 at once.`)) execute({ tokenId });
        }}
      >
        Revoke
      </Button>
      {result.serverError && (
        <span role="alert" className="ml-2 text-xs text-red-600">
          {result.serverError}
        </span>
      )}
    </>
  );
}
