/**
 * Backup files: the records as lines of JSON, gzip-compressed. Written to a temporary name and renamed when
 * complete, so an interrupted backup never leaves a file that looks whole.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { StringDecoder } from "node:string_decoder";
import { createGunzip, createGzip } from "node:zlib";
import { BackupFormatError, type BackupRecord, parseRecordLine, recordLines } from "./backup-records.js";

async function* fileLines(records: AsyncIterable<BackupRecord>): AsyncGenerator<string> {
  let chunk: string[] = [];
  for await (const record of records) {
    for (const line of recordLines(record)) chunk.push(line);
    // Lines grouped into chunks of about a thousand: far fewer stream writes than one per row.
    if (chunk.length >= 1000) {
      yield `${chunk.join("\n")}\n`;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield `${chunk.join("\n")}\n`;
}

/** Writes the records to `path` (gzip); the file appears only once everything was written. */
export async function writeBackupFile(records: AsyncIterable<BackupRecord>, path: string): Promise<number> {
  const partial = `${path}.part`;
  const out = createWriteStream(partial);
  try {
    await pipeline(Readable.from(fileLines(records)), createGzip({ level: 6 }), out);
    await rename(partial, path);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
  return out.bytesWritten;
}

/** The records of a backup file, checked line by line. */
export async function* readBackupFile(path: string): AsyncGenerator<BackupRecord> {
  const file = createReadStream(path);
  const input = createGunzip();
  // pipe() does not pass the file's errors on (a missing file): hand them to the stream being read.
  file.on("error", (err) => input.destroy(err));
  file.pipe(input);
  const decoder = new StringDecoder("utf8");
  let rest = "";
  let line = 0;
  try {
    for await (const chunk of input) {
      const text = rest + decoder.write(chunk as Buffer);
      const lines = text.split("\n");
      rest = lines.pop() ?? "";
      for (const l of lines) {
        line++;
        yield parseRecordLine(l, line, line === 1);
      }
    }
  } catch (err) {
    if (err instanceof BackupFormatError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new BackupFormatError(`バックアップファイルが見つかりません（${path}）`);
    throw new BackupFormatError(
      `バックアップファイルが壊れているか途中で切れています（${line.toLocaleString("ja-JP")} 行目の後）: ${(err as Error).message}`,
    );
  }
  rest += decoder.end();
  if (rest.trim() !== "") {
    line++;
    yield parseRecordLine(rest, line, line === 1);
  }
}
