import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "../db";
import { verifyCredentials } from "./verify-credentials";
import { oidcProvider } from "./oidc-provider";
import { endSession, openSession } from "./sessions";
import { clientAddress, TooManyAttemptsError } from "./throttle";
import { TOO_MANY_ATTEMPTS } from "./throttle-policy";

/** Sessions are JWTs naming a user_sessions row (lib/auth/sessions.ts): every request re-reads the
 * user (role, disabled) and checks the row is open in lib/context.ts, so sign-out, disabling and a
 * role change end a session at once, not when its cookie expires. */
export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET,
  session: { strategy: "jwt", maxAge: Number(process.env.SESSION_MAX_AGE_SECONDS ?? 8 * 3600) },
  pages: { signIn: "/login", error: "/login" },
  // One line per auth failure (a tampered or expired cookie is routine, not a stack trace).
  logger: {
    error: (code, metadata) => console.warn(`[auth] ${code}: ${(metadata as { message?: string })?.message ?? ""}`),
    warn: (code) => console.warn(`[auth] ${code}`),
    debug: () => {},
  },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, req) {
        try {
          const user = await verifyCredentials(raw, { address: clientAddress(req?.headers ?? {}) });
          return user ? { id: user.id, email: user.email, name: user.name } : null;
        } catch (error) {
          // The sign-in page says so (its error code); the route answers 429 before this (route.ts).
          if (error instanceof TooManyAttemptsError) throw new Error(TOO_MANY_ATTEMPTS);
          throw error;
        }
      },
    }),
    ...oidcProvider(),
  ],
  callbacks: {
    async signIn({ user, account, profile }) {
      if (account?.provider !== "oidc") return true;
      const email = (profile?.email ?? user.email ?? "").toLowerCase();
      const subject = account.providerAccountId;
      if (!email) return false;
      const existing = await db.user.findFirst({ where: { OR: [{ oidcSubject: subject }, { email }] } });
      if (existing?.disabled) return false;
      const saved = existing
        ? await db.user.update({ where: { id: existing.id }, data: { oidcSubject: subject, lastLoginAt: new Date() } })
        : await db.user.create({
            data: {
              email,
              name: profile?.name ?? email,
              oidcSubject: subject,
              role: "viewer",
              lastLoginAt: new Date(),
            },
          });
      user.id = saved.id;
      return true;
    },
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sid = await openSession(db, user.id);
      }
      return token;
    },
    async session({ session, token }) {
      if (session.user) {
        (session.user as { id?: string }).id = token.uid as string;
        (session.user as { sid?: string }).sid = token.sid as string | undefined;
      }
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      if (typeof token?.sid === "string") await endSession(db, token.sid, "signed out");
    },
  },
};
