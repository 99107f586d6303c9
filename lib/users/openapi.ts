// REST operations of people (admin), for /api/v1/openapi.json.
import { registerOperations } from "../api/openapi";
import { EX } from "../api/examples";
import { createUserSchema, updateUserSchema } from "./schemas";

const user = {
  id: EX.userId,
  email: "approver2@switchyard.local",
  name: "Amy Approver",
  role: "approver",
  disabled: false,
  lastLoginAt: EX.at,
  createdAt: "2026-11-20T08:00:00.000Z",
};

registerOperations([
  {
    method: "get",
    path: "/api/v1/users",
    summary: "People and their roles",
    tag: "users",
    permission: "users.manage",
    responseExample: { users: [{ ...user, oidcSubject: null }] },
  },
  {
    method: "post",
    path: "/api/v1/users",
    summary: "Add a person with a role and an initial password (12 to 72 characters)",
    tag: "users",
    body: createUserSchema,
    example: {
      email: "approver2@switchyard.local",
      name: "Amy Approver",
      role: "approver",
      password: "correct horse battery",
    },
    permission: "users.manage",
    serverActions: ["createUserAction"],
    responses: { "409": "Email taken" },
    responseExample: { user },
  },
  {
    method: "patch",
    path: "/api/v1/users/{userId}",
    summary: "Change a person's role or disable them; an admin can't demote or disable themselves",
    tag: "users",
    body: updateUserSchema.omit({ userId: true }),
    example: { role: "release_manager" },
    permission: "users.manage",
    serverActions: ["updateUserAction"],
    responses: { "404": "Unknown user", "412": "Your own admin role" },
    responseExample: { user: { ...user, role: "release_manager" } },
  },
]);
