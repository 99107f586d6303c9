import { z } from "zod";
import { BadRequestError, ServiceError } from "../errors";
import { controlFreeJson, jsonTextMayHoldControlCharacters } from "../validation";

export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * Reads and validates a JSON body: wrong content type, oversized or malformed bodies are refused,
 * and so is a control character (NUL...) in any string or key, named by its path, whatever the
 * schema says of that field.
 */
export async function readJson<S extends z.ZodType>(
  request: Request,
  schema: S,
  maxBytes = MAX_BODY_BYTES,
): Promise<z.infer<S>> {
  requireJsonType(request);
  return schema.parse(parseControlFree(await readBodyText(request, maxBytes)));
}

/**
 * A command's input: the JSON body (optional when empty) merged with the path parameters, then
 * validated by the same schema as the server action, so a field error names the same field.
 * Path parameters win over body fields of the same name. Whether there is a body is decided by
 * reading it, not by its headers: a chunked body has no content-length.
 */
export async function readInput<S extends z.ZodType>(
  request: Request,
  schema: S,
  fromPath: Record<string, unknown> = {},
): Promise<z.infer<S>> {
  const text = await readBodyText(request, MAX_BODY_BYTES);
  let body: Record<string, unknown> = {};
  if (text.trim() !== "") {
    requireJsonType(request);
    body = z.record(z.string(), z.unknown()).parse(parseControlFree(text));
  }
  return schema.parse({ ...body, ...fromPath });
}

/** The body as text, refused as soon as it passes `maxBytes` (declared or streamed). */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function requireJsonType(request: Request): void {
  const type = request.headers.get("content-type") ?? "";
  if (!type.includes("application/json"))
    throw new ServiceError("bad_request", "Send a JSON body with content-type: application/json.");
}

/** Parsed JSON with no control character in any string or key (a ZodError naming the path otherwise). */
function parseControlFree(text: string): unknown {
  const value = parseJson(text);
  return jsonTextMayHoldControlCharacters(text) ? controlFreeJson.parse(value) : value;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequestError("Body is not valid JSON.", [{ name: "(body)", reason: "not valid JSON" }]);
  }
}

function tooLarge(maxBytes: number): BadRequestError {
  return new BadRequestError(`Body is larger than ${maxBytes} bytes.`);
}
