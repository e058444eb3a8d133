// Sets every entry's time in a ZIP file (an XLSX) to one given instant: the zip library stamps entries with the
// time of writing, and a published site must give the same bytes on every run.

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL = 0x06054b50;

/** MS-DOS time and date words (2-second resolution, local time: we write the instant's JST wall clock). */
function dosTime(iso: string): { time: number; date: number } {
  const ms = Date.parse(iso);
  const jst = new Date((Number.isNaN(ms) ? Date.UTC(1980, 0, 1) : ms) + 9 * 3_600_000);
  const year = Math.max(1980, jst.getUTCFullYear());
  return {
    time: (jst.getUTCHours() << 11) | (jst.getUTCMinutes() << 5) | (jst.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((jst.getUTCMonth() + 1) << 5) | jst.getUTCDate(),
  };
}

/** Returns a copy with each local and central header's modification time set to `iso`. */
export function fixZipTimes(zip: Buffer, iso: string): Buffer {
  const out = Buffer.from(zip);
  const { time, date } = dosTime(iso);
  // The end-of-central-directory record sits in the last 22 bytes plus an optional comment.
  let end = -1;
  for (let i = out.length - 22; i >= Math.max(0, out.length - 22 - 0xffff); i--) {
    if (out.readUInt32LE(i) === END_OF_CENTRAL) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error("ZIP の終端レコードが見つかりません");
  const entries = out.readUInt16LE(end + 10);
  let at = out.readUInt32LE(end + 16);
  for (let n = 0; n < entries; n++) {
    if (out.readUInt32LE(at) !== CENTRAL_HEADER) throw new Error("ZIP の中央ディレクトリが壊れています");
    out.writeUInt16LE(time, at + 12);
    out.writeUInt16LE(date, at + 14);
    const local = out.readUInt32LE(at + 42);
    if (out.readUInt32LE(local) !== LOCAL_HEADER) throw new Error("ZIP のローカルヘッダーが壊れています");
    out.writeUInt16LE(time, local + 10);
    out.writeUInt16LE(date, local + 12);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}
