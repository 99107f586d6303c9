// MurmurHash3 x86 32-bit over the UTF-8 bytes of a string. Written out (30 lines) rather than
// pulled from a package so the hot path has no allocation for ASCII keys and other data planes
// (HAProxy/NGINX adapters, the analysis code) can reproduce the same bucket from the same spec.

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const encoder = new TextEncoder();

/** murmur3_32(utf8(text), seed) as an unsigned 32-bit integer. Pure; same input, same output. */
export function murmur3(text: string, seed = 0): number {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) return murmur3Bytes(encoder.encode(text), seed);
  }
  const len = text.length;
  let h = seed | 0;
  let i = 0;
  for (const end = len & ~3; i < end; i += 4) {
    const k =
      text.charCodeAt(i) |
      (text.charCodeAt(i + 1) << 8) |
      (text.charCodeAt(i + 2) << 16) |
      (text.charCodeAt(i + 3) << 24);
    h = mixBody(h, k);
  }
  let k = 0;
  switch (len & 3) {
    case 3:
      k ^= text.charCodeAt(i + 2) << 16; // falls through
    case 2:
      k ^= text.charCodeAt(i + 1) << 8; // falls through
    case 1:
      k ^= text.charCodeAt(i);
      h ^= mixK(k);
  }
  return finalize(h, len);
}

/** Same hash over raw bytes (the non-ASCII path, and the reference for tests). */
export function murmur3Bytes(bytes: Uint8Array, seed = 0): number {
  const len = bytes.length;
  let h = seed | 0;
  let i = 0;
  for (const end = len & ~3; i < end; i += 4) {
    h = mixBody(h, bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24));
  }
  let k = 0;
  switch (len & 3) {
    case 3:
      k ^= bytes[i + 2] << 16; // falls through
    case 2:
      k ^= bytes[i + 1] << 8; // falls through
    case 1:
      k ^= bytes[i];
      h ^= mixK(k);
  }
  return finalize(h, len);
}

function mixK(k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, C2);
}

function mixBody(h: number, k: number): number {
  h ^= mixK(k);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finalize(h: number, len: number): number {
  h ^= len;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
