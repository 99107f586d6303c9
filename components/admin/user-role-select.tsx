"use client";
import { useAction } from "next-safe-action/hooks";
import { updateUserAction } from "@/lib/users/actions";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/permissions";
import { Select } from "../ui/form";

export function UserRoleSelect({
  userId,
  email,
  role,
  disabled,
  locked,
  self,
}: {
  userId: string;
  email: string;
  role: Role;
  disabled: boolean;
  /** Locked after too many failed sign-ins. */
  locked: boolean;
  self: boolean;
}) {
  const { execute, result, isPending } = useAction(updateUserAction);
  return (
    <div className="flex items-center gap-2">
      <Select
        aria-label={`Role of ${email}`}
        className="w-48"
        defaultValue={role}
        disabled={isPending || self}
        onChange={(e) => execute({ userId, role: e.target.value as Role })}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </Select>
      {!self && (
        <button
          type="button"
          className="text-xs text-slate-600 underline"
          disabled={isPending}
          onClick={() => execute({ userId, disabled: !disabled })}
        >
          {disabled ? "Enable" : "Disable"}
        </button>
      )}
      {locked && (
        <button
          type="button"
          className="text-xs text-slate-600 underline"
          disabled={isPending}
          onClick={() => execute({ userId, unlock: true })}
        >
          Unlock
        </button>
      )}
      {result.serverError && (
        <span role="alert" className="text-xs text-red-600">
          {result.serverError}
        </span>
      )}
      {result.data && <span className="text-xs text-emerald-700">Saved</span>}
    </div>
  );
}
