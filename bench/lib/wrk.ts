import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";

// Closed-loop maximum throughput with wrk (C, one thread), a different user id per request.

export async function wrkThroughput(opts: {
  url: string;
  dir: string;
  connections: number;
  seconds: number;
  cpus?: string;
}): Promise<{ rps: number; requests: number; non2xx: number; errors: number }> {
  const script = path.join(opts.dir, "user-ids.lua");
  await writeFile(
    script,
    `
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", nil, { ["x-user-id"] = "user-" .. (n % 100000) })
end
`,
  );
  const out = await new Promise<string>((resolve, reject) =>
    execFile(
      opts.cpus ? "/usr/bin/taskset" : "/usr/bin/wrk",
      [
        ...(opts.cpus ? ["-c", opts.cpus, "/usr/bin/wrk"] : []),
        "-t1",
        `-c${opts.connections}`,
        `-d${opts.seconds}s`,
        "-s",
        script,
        opts.url,
      ],
      (err, stdout) => (err ? reject(err) : resolve(stdout)),
    ),
  );
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN);
  const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? NaN);
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const sockErr = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const errors = sockErr ? sockErr.slice(1).reduce((a, b) => a + Number(b), 0) : 0;
  return { rps, requests, non2xx, errors };
}
