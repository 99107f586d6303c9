import { z } from "zod";
import { BadRequestError, ServiceError } from "../errors";

export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** Reads and validates a JSON body: wrong content type, oversized or malformed bodies are refused. */
export async function readJson<S extends z.ZodType>(
  request: Request,
  schema: S,
  maxBytes = MAX_BODY_BYTES,
): Promise<z.infer<S>> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.includes("application/json"))
    throw new ServiceError("bad_request", "Send a JSON body with content-type: application/json.");
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > maxBytes) throw new BadRequestError(`Body is larger than ${maxBytes} bytes.`);
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes) throw new BadRequestError(`Body is larger than ${maxBytes} bytes.`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new BadRequestError("Body is not valid JSON.", [{ name: "(body)", reason: "not valid JSON" }]);
  }
  return schema.parse(raw);
}

/**
 * A command's input: the JSON body (optional when empty) merged with the path parameters, then
 * validated by the same schema as the server action, so a field error names the same field.
 * Path parameters win over body fields of the same name.
 */
export async function readInput<S extends z.ZodType>(
  request: Request,
  schema: S,
  fromPath: Record<string, unknown> = {},
): Promise<z.infer<S>> {
  const hasBody = Number(request.headers.get("content-length") ?? 0) > 0 || request.headers.has("transfer-encoding");
  const body = hasBody ? await readJson(request, z.record(z.string(), z.unknown())) : {};
  return schema.parse({ ...body, ...fromPath });
}
