// Reads the parts of a zip (an XLSX) held in memory: the central directory for the names, then one part at a time
// inflated as a stream, so a small zip that inflates to gigabytes is never held in memory whole.
import { Readable } from "node:stream";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { createInflateRaw } from "node:zlib";

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

/** The bytes are not a zip this reader understands (the caller turns it into a Japanese message). */
export class ZipFormatError extends Error {
  override name = "ZipFormatError";
}

/** Thrown while inflating when a part grows past the caller's limit. */
export class ZipEntryTooLargeError extends Error {
  override name = "ZipEntryTooLargeError";
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const U32_MAX = 0xffffffff;

function u64(buf: Buffer, at: number): number {
  const n = buf.readBigUInt64LE(at);
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFormatError("zip64 value out of range");
  return Number(n);
}

function need(buf: Buffer, at: number, length: number): void {
  if (at < 0 || at + length > buf.length) throw new ZipFormatError("truncated zip");
}

/** The entries of the central directory, by name. */
export function zipEntries(buf: Buffer): Map<string, ZipEntry> {
  // The end record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError("no end of central directory");
  let count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  if (
    (count === 0xffff || offset === U32_MAX) &&
    eocd >= 20 &&
    buf.readUInt32LE(eocd - 20) === ZIP64_LOCATOR
  ) {
    const at = u64(buf, eocd - 20 + 8);
    need(buf, at, 56);
    if (buf.readUInt32LE(at) !== ZIP64_EOCD) throw new ZipFormatError("bad zip64 end record");
    count = u64(buf, at + 32);
    offset = u64(buf, at + 48);
  }
  const entries = new Map<string, ZipEntry>();
  let p = offset;
  for (let i = 0; i < count; i++) {
    need(buf, p, 46);
    if (buf.readUInt32LE(p) !== CENTRAL) throw new ZipFormatError("bad central directory entry");
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    let compressedSize = buf.readUInt32LE(p + 20);
    const uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    let localHeaderOffset = buf.readUInt32LE(p + 42);
    need(buf, p + 46, nameLength + extraLength);
    // Bit 11: UTF-8 names; the part names of an XLSX are ASCII either way.
    const name = buf.toString(flags & 0x800 ? "utf8" : "latin1", p + 46, p + 46 + nameLength);
    // A zip64 extra field holds the 8-byte values whose 4-byte fields are 0xFFFFFFFF, in this order.
    let e = p + 46 + nameLength;
    const extraEnd = e + extraLength;
    while (e + 4 <= extraEnd) {
      const id = buf.readUInt16LE(e);
      const size = buf.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (uncompressedSize === U32_MAX) q += 8;
        if (compressedSize === U32_MAX && q + 8 <= e + 4 + size) {
          compressedSize = u64(buf, q);
          q += 8;
        }
        if (localHeaderOffset === U32_MAX && q + 8 <= e + 4 + size) localHeaderOffset = u64(buf, q);
      }
      e += 4 + size;
    }
    if (flags & 0x1) throw new ZipFormatError("encrypted entry");
    entries.set(name, { name, method, compressedSize, localHeaderOffset });
    p = extraEnd + commentLength;
  }
  return entries;
}

/** The compressed bytes of an entry (the sizes in the central directory are the ones to trust). */
function entryData(buf: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localHeaderOffset;
  need(buf, at, 30);
  if (buf.readUInt32LE(at) !== LOCAL) throw new ZipFormatError("bad local header");
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  need(buf, start, entry.compressedSize);
  return buf.subarray(start, start + entry.compressedSize);
}

const SLICE = 64 * 1024;

/**
 * Yields an entry's bytes as they inflate (zlib works off the main thread, so the event loop turns between
 * chunks). Stops with {@link ZipEntryTooLargeError} as soon as more than `maxBytes` came out.
 */
export async function* entryChunks(buf: Buffer, entry: ZipEntry, maxBytes: number): AsyncGenerator<Buffer> {
  const data = entryData(buf, entry);
  let total = 0;
  const count = (chunk: Buffer) => {
    total += chunk.length;
    if (total > maxBytes) throw new ZipEntryTooLargeError(`${entry.name} inflates past ${maxBytes} bytes`);
  };
  if (entry.method === 0) {
    for (let i = 0; i < data.length; i += SLICE) {
      const chunk = data.subarray(i, i + SLICE);
      count(chunk);
      yield chunk;
      await yieldToEventLoop();
    }
    return;
  }
  if (entry.method !== 8) throw new ZipFormatError(`compression method ${entry.method}`);
  const inflate = createInflateRaw({ chunkSize: SLICE });
  const source = Readable.from(
    (function* () {
      for (let i = 0; i < data.length; i += SLICE) yield data.subarray(i, i + SLICE);
    })(),
  );
  source.pipe(inflate);
  try {
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      count(chunk);
      yield chunk;
    }
  } catch (err) {
    if (err instanceof ZipEntryTooLargeError) throw err;
    throw new ZipFormatError(`inflate failed: ${(err as Error).message}`);
  } finally {
    source.unpipe(inflate);
    source.destroy();
    inflate.destroy();
  }
}
