// Where the end-to-end product runs. Defaults suit CI; a second checkout on the same machine sets
// E2E_PORT, E2E_PORT_OFFSET and E2E_PG_PORT so two runs never share a port.
import { DEMO_PORTS } from "../lib/demo/demo-data";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_PORT_OFFSET = Number(process.env.E2E_PORT_OFFSET ?? 1000);
export const E2E_PG_PORT = Number(process.env.E2E_PG_PORT ?? 54339);
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;
export const E2E_DATABASE_URL =
  process.env.E2E_DATABASE_URL ?? `postgresql://switchyard:switchyard@127.0.0.1:${E2E_PG_PORT}/switchyard`;
/** The demo ports of the e2e product (the built-in router's data and admin ports, model servers). */
export const E2E_DEMO_PORTS = Object.fromEntries(
  Object.entries(DEMO_PORTS).map(([k, v]) => [k, k === "web" ? E2E_PORT : v + E2E_PORT_OFFSET]),
) as typeof DEMO_PORTS;

/** The journeys (e2e/journeys) run against a product of their own, started fresh: other ports,
 * another database, another data directory. */
export const JOURNEYS_PORT = E2E_PORT + 50;
export const JOURNEYS_PORT_OFFSET = E2E_PORT_OFFSET + 500;
export const JOURNEYS_PG_PORT = E2E_PG_PORT + 1;
export const JOURNEYS_BASE_URL = `http://localhost:${JOURNEYS_PORT}`;
export const journeysDataDir = () => `${process.env.E2E_DATA_DIR ?? ".data/e2e"}-journeys`;
