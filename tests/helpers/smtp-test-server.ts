/**
 * A real SMTP server (the smtp-server package) for tests: records each message, decoding its encoded headers
 * (RFC 2047, UTF-8 or ISO-2022-JP) and its text body (base64 or quoted-printable) as a Japanese mail client would.
 */
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  from: string;
  to: string[];
  /** "user:password" when the client authenticated */
  auth: string | null;
  /** the raw message as received */
  data: string;
  subject: string;
  text: string;
  headers: Record<string, string>;
}

export interface SmtpTestServer {
  url: (query?: string, user?: string) => string;
  mails: ReceivedMail[];
  /** waits until at least n mails arrived (or fails after timeoutMs) */
  waitFor(n: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

function decodeBytes(bytes: Buffer, charset: string): string {
  return new TextDecoder(charset.toLowerCase()).decode(bytes);
}

function decodeQ(text: string): Buffer {
  const bytes: number[] = [];
  const s = text.replace(/_/g, " ");
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(s.charCodeAt(i));
  }
  return Buffer.from(bytes);
}

/** RFC 2047: =?charset?B|Q?…?= words; whitespace between adjacent encoded words is dropped. */
export function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, charset: string, enc: string, text: string) =>
      decodeBytes(enc.toUpperCase() === "B" ? Buffer.from(text, "base64") : decodeQ(text), charset),
    );
}

function parseMessage(raw: string): { headers: Record<string, string>; body: string } {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const headers: Record<string, string> = {};
  for (const line of head.split("\r\n")) {
    const i = line.indexOf(":");
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  return { headers, body: raw.slice(split + 4) };
}

function decodeBody(body: string, headers: Record<string, string>): string {
  const charset = /charset="?([^";]+)"?/i.exec(headers["content-type"] ?? "")?.[1] ?? "utf-8";
  const enc = (headers["content-transfer-encoding"] ?? "7bit").toLowerCase();
  if (enc === "base64") return decodeBytes(Buffer.from(body.replace(/\s+/g, ""), "base64"), charset);
  if (enc === "quoted-printable")
    return decodeBytes(decodeQ(body.replace(/=\r\n/g, "").replace(/_/g, "=5F")), charset);
  return body;
}

export async function startSmtpTestServer(opts: { refuseRecipient?: boolean } = {}): Promise<SmtpTestServer> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth(auth, _session, cb) {
      cb(null, { user: `${auth.username}:${auth.password}` });
    },
    onRcptTo(_address, _session, cb) {
      if (opts.refuseRecipient) {
        const err = new Error("No such user") as Error & { responseCode: number };
        err.responseCode = 550;
        return cb(err);
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const data = Buffer.concat(chunks).toString("latin1");
        const { headers, body } = parseMessage(data);
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          auth: typeof session.user === "string" ? session.user : null,
          data,
          subject: decodeHeader(headers.subject ?? ""),
          text: decodeBody(body, headers),
          headers,
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: (query = "from=koe@example.jp", user = "") =>
      `smtp://${user ? `${user}@` : ""}127.0.0.1:${port}${query ? `?${query}` : ""}`,
    mails,
    async waitFor(n, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (mails.length < n) {
        if (Date.now() > until) throw new Error(`メールが${n}通届きません（${mails.length}通）`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return mails;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
