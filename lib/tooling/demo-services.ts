// The demo data plane `npm start` runs beside web: the built-in router, three real model servers
// (champion 1.4.0, challenger 1.5.0, and 1.5.0-rc1 which fails a fifth of its requests) and demo
// traffic, so a newcomer sees real requests move through a canary within minutes. The traffic
// posts every answer's label to the ingest a few seconds later, by request id, as a consumer
// would: the accuracy gates of the demo rollouts judge real, delayed outcomes.
//   SWITCHYARD_DEMO_CHALLENGER_LATENCY_MS   added latency of the challenger (default 0; try 60 to see a latency gate fail)
//   SWITCHYARD_DEMO_CHALLENGER_ERROR_RATE   its error rate (default 0; try 0.2 to see a rollback)
//   SWITCHYARD_DEMO_CHALLENGER_ERROR_TYPE   only fail this ticket type (e.g. billing)
//   SWITCHYARD_DEMO_CANDIDATE_ERROR_RATE    error rate of 1.5.0-rc1 (default 0.2)
//   SWITCHYARD_DEMO_RPS                     demo traffic rate (default 40; 0 = none)
import path from "node:path";
import { demoPorts } from "../demo/demo-data";
import type { ServiceSpec } from "./processes";

export function demoServices({
  env,
  dataDir,
  webPort,
}: {
  env: Record<string, string>;
  dataDir: string;
  webPort: number;
}): ServiceSpec[] {
  const ports = demoPorts();
  const e = process.env;
  const rps = Number(e.SWITCHYARD_DEMO_RPS ?? 40);
  const specs: ServiceSpec[] = [
    {
      name: "model-1.4.0",
      command: process.execPath,
      args: [
        "--import",
        "tsx",
        "lib/demo/model-server.ts",
        `--port=${ports.championServer}`,
        "--version=1.4.0",
        "--flavor=unigram",
      ],
      readyPort: ports.championServer,
      quiet: true,
    },
    {
      name: "model-1.5.0",
      command: process.execPath,
      args: [
        "--import",
        "tsx",
        "lib/demo/model-server.ts",
        `--port=${ports.challengerServer}`,
        "--version=1.5.0",
        "--flavor=bigram",
        `--latency-ms=${e.SWITCHYARD_DEMO_CHALLENGER_LATENCY_MS ?? 0}`,
        `--error-rate=${e.SWITCHYARD_DEMO_CHALLENGER_ERROR_RATE ?? 0}`,
        ...(e.SWITCHYARD_DEMO_CHALLENGER_ERROR_TYPE
          ? [`--error-ticket-type=${e.SWITCHYARD_DEMO_CHALLENGER_ERROR_TYPE}`]
          : []),
      ],
      readyPort: ports.challengerServer,
      quiet: true,
    },
    {
      // 1.5.0-rc1: the same model as 1.5.0, but a fifth of its answers are errors.
      name: "model-1.5.0-rc1",
      command: process.execPath,
      args: [
        "--import",
        "tsx",
        "lib/demo/model-server.ts",
        `--port=${ports.faultyServer}`,
        "--version=1.5.0-rc1",
        "--flavor=bigram",
        `--error-rate=${e.SWITCHYARD_DEMO_CANDIDATE_ERROR_RATE ?? 0.2}`,
      ],
      readyPort: ports.faultyServer,
      quiet: true,
    },
    {
      name: "router",
      command: process.execPath,
      args: ["--import", "tsx", "lib/dataplane/main.ts"],
      env: {
        ROUTER_PORT: String(ports.routerData),
        ROUTER_ADMIN_PORT: String(ports.routerAdmin),
        ROUTER_DATA_DIR: path.join(dataDir, "router-edge-builtin"),
        ROUTER_ID: "edge-builtin",
        SWITCHYARD_ROUTER_TOKEN: env.SWITCHYARD_ROUTER_TOKEN,
        SWITCHYARD_INGEST_URL: `http://127.0.0.1:${webPort}/api/v1/ingest/router`,
        SWITCHYARD_INGEST_TOKEN: env.SWITCHYARD_ROUTER_TOKEN,
      },
      readyPort: ports.routerAdmin,
      quiet: true,
    },
  ];
  if (rps > 0) {
    specs.push({
      name: "traffic",
      command: process.execPath,
      args: [
        "--import",
        "tsx",
        "lib/demo/traffic.ts",
        `--router=http://127.0.0.1:${ports.routerData}`,
        `--rate=${rps}`,
        "--seconds=604800",
        "--users=500",
        `--outcome-url=http://127.0.0.1:${webPort}/api/v1/ingest/outcomes`,
      ],
      env: { TRAFFIC_OUTCOME_TOKEN: env.SWITCHYARD_ROUTER_TOKEN },
      quiet: true,
    });
  }
  return specs;
}
