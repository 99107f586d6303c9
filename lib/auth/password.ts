import bcrypt from "bcryptjs";

const COST = 11;
/** bcrypt only reads 72 bytes; longer inputs are refused rather than silently truncated. */
export const MAX_PASSWORD_BYTES = 72;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  // Compare against a dummy hash when the user is unknown so timing doesn't reveal which part was wrong.
  const target = hash ?? "$2b$11$C6UzMDM.H6dfI/f/IKxGhuK0ZQvM8B1F2rT3y8S5z8k0d8gJm3k9e";
  if (Buffer.byteLength(password) > MAX_PASSWORD_BYTES) return false;
  return bcrypt.compare(password, target);
}
