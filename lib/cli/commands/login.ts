// login / logout / whoami: a person's own token, kept 0600 on their machine.
import os from "node:os";
import readline from "node:readline";
import type { Command } from "commander";
import { deleteCredentials, resolveConnection, writeCredentials } from "../config";
import { ApiClient } from "../client";
import { contextOf, requireToken } from "../context";
import { CliError, EXIT } from "../exit-codes";

interface Me {
  actor: { type: string; label: string; role: string | null };
  person: { id: string; name: string; email: string; role: string } | null;
  permissions: string[];
}

interface Issued {
  token: {
    id: string;
    token: string;
    expiresAt: string | null;
    user: { name: string; email: string; role: string };
  };
}

export function registerLogin(program: Command) {
  program
    .command("login")
    .description("sign in with your email and password; your own token is stored for later commands")
    .option("--email <email>", "your email (asked for when omitted)")
    .option("--password-stdin", "read the password from standard input (for scripts)")
    .option("--with-token <token>", "store an existing API token instead of signing in")
    .option("--name <name>", "what to call the token", `switchyard CLI on ${os.hostname()}`)
    .option("--expires-in-days <days>", "token lifetime in days (1–90)", "30")
    .action(async (opts, cmd: Command) => {
      const ctx = contextOf(cmd);
      const { server } = resolveConnection({ server: cmd.optsWithGlobals().server });
      if (opts.withToken) {
        const me = await new ApiClient({ server, token: opts.withToken }).get<Me>("/api/v1/me");
        const file = writeCredentials({
          server,
          token: opts.withToken,
          user: { name: me.person?.name ?? me.actor.label, email: me.person?.email, role: me.actor.role ?? "" },
        });
        ctx.out.result({ server, actor: me.actor, credentials: file }, () =>
          ctx.out.say(
            `${ctx.out.c.green("✓")} Token stored: ${me.actor.label}, acting for ${me.person?.name ?? "nobody"} (${me.actor.role?.replace(/_/g, " ")}) on ${server}`,
          ),
        );
        return;
      }
      const email = opts.email ?? (await ask("Email: "));
      const password = opts.passwordStdin ? (await readStdin()).replace(/\r?\n$/, "") : await ask("Password: ", true);
      if (!email || !password) throw new CliError("Email and password are required.", EXIT.usage);
      const issued = await new ApiClient({ server, token: null }).post<Issued>("/api/v1/auth/token", {
        email,
        password,
        name: opts.name,
        expiresInDays: Number(opts.expiresInDays),
      });
      const { token, user, id, expiresAt } = issued.token;
      const file = writeCredentials({ server, token, tokenId: id, expiresAt, user });
      ctx.out.result({ server, user, tokenId: id, expiresAt, credentials: file }, () =>
        ctx.out.say(
          `${ctx.out.c.green("✓")} Signed in to ${server} as ${user.name} (${user.role.replace(/_/g, " ")}); token saved in ${file}, valid until ${expiresAt?.slice(0, 10) ?? "revoked"}.`,
        ),
      );
    });

  program
    .command("logout")
    .description("revoke the stored token and forget it")
    .action(async (_opts, cmd: Command) => {
      const ctx = contextOf(cmd);
      requireToken(ctx);
      await ctx.client.delete("/api/v1/auth/token").catch((error) => {
        if (!(error instanceof CliError) || error.code !== EXIT.unauthorized) throw error;
      });
      deleteCredentials();
      ctx.out.result({ loggedOut: true }, () => ctx.out.say(`${ctx.out.c.green("✓")} Token revoked and forgotten.`));
    });

  program
    .command("whoami")
    .description("who the token acts as, and what it may do")
    .action(async (_opts, cmd: Command) => {
      const ctx = contextOf(cmd);
      requireToken(ctx);
      const me = await ctx.client.get<Me>("/api/v1/me");
      ctx.out.result(me, () => {
        ctx.out.say(
          `${me.person ? `${me.person.name} <${me.person.email}>` : me.actor.label} · ${me.actor.role?.replace(/_/g, " ")} · ${me.actor.label} · ${ctx.connection.server}`,
        );
        ctx.out.say(ctx.out.c.dim(me.permissions.join(", ")));
      });
    });
}

async function ask(question: string, hidden = false): Promise<string> {
  if (!process.stdin.isTTY) throw new CliError(`${question.trim()} needed: pass it as a flag.`, EXIT.usage);
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  if (hidden) {
    const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput;
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) =>
      write.call(rl, s.startsWith(question) ? question : "");
  }
  const answer = await new Promise<string>((resolve) => rl.question(question, resolve));
  rl.close();
  if (hidden) process.stderr.write("\n");
  return answer.trim();
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
