/**
 * A report's file names: `annual-voice-2022-06-v1.pdf` (what `koe report build` writes, and the ASCII fallback of a
 * download) and, for people, its title and version in Japanese — sent per RFC 5987 / RFC 6266.
 */
import type { ReportDocument } from "./report-document.js";

type Named = Pick<ReportDocument, "kind" | "periodStart" | "version" | "title">;

export const reportFileBase = (doc: Named) => `${doc.kind}-${doc.periodStart.slice(0, 7)}-v${doc.version}`;

export const reportTitleFileName = (doc: Named, ext: string) => `${doc.title}（第${doc.version}版）.${ext}`;

/** RFC 5987 value-chars: encodeURIComponent leaves ' ( ) * ! as they are, which attr-char does not allow. */
export function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Content-Disposition of a report file: the ASCII name for old clients, the Japanese one for the rest. */
export function reportDisposition(doc: Named, ext: string): string {
  return `attachment; filename="${reportFileBase(doc)}.${ext}"; filename*=UTF-8''${rfc5987(reportTitleFileName(doc, ext))}`;
}
