/**
 * A minimal SMTP client for koe's few notification mails (no mail library is installed): plain or implicit TLS,
 * STARTTLS when the server offers it, AUTH PLAIN when the URL carries a user, one UTF-8 text message per call.
 * Configured by KOE_SMTP_URL, e.g. smtp://user:pass@mail.example.jp:587?from=koe@example.jp (smtps:// for port 465).
 */
import { randomBytes } from "node:crypto";
import { connect as netConnect, type Socket } from "node:net";
import { type TLSSocket, connect as tlsConnect } from "node:tls";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  password: string | null;
  from: string;
  /** verify the server certificate (default true; ?tls_verify=false for a relay with a private certificate) */
  verifyTls: boolean;
}

export type Mailer = (message: MailMessage) => Promise<void>;

const TIMEOUT_MS = 10_000;

/** Reads KOE_SMTP_URL; null when unset (mail is optional). Throws a Japanese message when it is malformed. */
export function parseSmtpUrl(url: string | undefined): SmtpConfig | null {
  if (!url?.trim()) return null;
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw new Error(
      "KOE_SMTP_URL の形式が正しくありません（例: smtp://user:pass@mail.example.jp:587?from=koe@example.jp）",
    );
  }
  if (u.protocol !== "smtp:" && u.protocol !== "smtps:")
    throw new Error("KOE_SMTP_URL は smtp:// か smtps:// で始めてください");
  const secure = u.protocol === "smtps:";
  const from = u.searchParams.get("from") ?? process.env.KOE_MAIL_FROM ?? `koe@${u.hostname}`;
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    user: u.username ? decodeURIComponent(u.username) : null,
    password: u.password ? decodeURIComponent(u.password) : null,
    from,
    verifyTls: u.searchParams.get("tls_verify") !== "false",
  };
}

/** RFC 2047 encoded-word for a UTF-8 header value. */
function encodeHeader(value: string): string {
  return /^[\x20-\x7e]*$/.test(value)
    ? value
    : `=?UTF-8?B?${Buffer.from(value, "utf8").toString("base64")}?=`;
}

function base64Lines(text: string): string {
  return (
    Buffer.from(text.replace(/\r?\n/g, "\r\n"), "utf8")
      .toString("base64")
      .match(/.{1,76}/g)
      ?.join("\r\n") ?? ""
  );
}

function assertAddress(address: string): string {
  if (!/^[^\s<>@]+@[^\s<>@]+$/.test(address)) throw new Error(`メールアドレスが正しくありません: ${address}`);
  return address;
}

export function buildMessage(from: string, m: MailMessage, now = new Date()): string {
  const domain = from.split("@")[1] ?? "koe.local";
  return [
    `From: ${from}`,
    `To: ${m.to}`,
    `Subject: ${encodeHeader(m.subject)}`,
    `Date: ${now.toUTCString()}`,
    `Message-ID: <${randomBytes(12).toString("hex")}@${domain}>`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: base64",
    "",
    base64Lines(m.text),
  ].join("\r\n");
}

/** Reads SMTP replies (possibly multi-line: "250-…" … "250 …") from a socket. */
class ReplyReader {
  private buffer = "";
  private waiting: ((line: { code: number; text: string }) => void) | null = null;
  private failure: Error | null = null;
  private lines: string[] = [];

  constructor(private socket: Socket | TLSSocket) {
    this.attach(socket);
  }

  attach(socket: Socket | TLSSocket) {
    this.socket = socket;
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      this.buffer += chunk;
      this.drain();
    });
    socket.on("error", (err) => this.fail(err));
    socket.on("close", () => this.fail(new Error("SMTP サーバーが接続を閉じました")));
  }

  private fail(err: Error) {
    this.failure ??= err;
    this.waiting?.({ code: 0, text: err.message });
  }

  private drain() {
    for (let i = this.buffer.indexOf("\r\n"); i >= 0; i = this.buffer.indexOf("\r\n")) {
      const line = this.buffer.slice(0, i);
      this.buffer = this.buffer.slice(i + 2);
      this.lines.push(line);
      if (/^\d{3} /.test(line) || /^\d{3}$/.test(line)) {
        const text = this.lines.map((l) => l.slice(4)).join("\n");
        const code = Number(line.slice(0, 3));
        this.lines = [];
        const w = this.waiting;
        this.waiting = null;
        w?.({ code, text });
      }
    }
  }

  next(): Promise<{ code: number; text: string }> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = (r) => (r.code === 0 ? reject(this.failure ?? new Error(r.text)) : resolve(r));
      this.drain();
    });
  }

  async command(line: string | null, expect: number[]): Promise<string> {
    if (line !== null) this.socket.write(`${line}\r\n`);
    const r = await this.next();
    if (!expect.includes(r.code)) {
      const shown = line?.startsWith("AUTH") ? "AUTH" : (line ?? "接続");
      throw new Error(`SMTP サーバーが ${shown} を受け付けませんでした: ${r.code} ${r.text}`);
    }
    return r.text;
  }
}

export async function sendMail(config: SmtpConfig, message: MailMessage): Promise<void> {
  const to = assertAddress(message.to);
  const from = assertAddress(config.from);
  let socket: Socket | TLSSocket = config.secure
    ? tlsConnect({
        host: config.host,
        port: config.port,
        servername: config.host,
        rejectUnauthorized: config.verifyTls,
      })
    : netConnect({ host: config.host, port: config.port });
  const timer = setTimeout(
    () => socket.destroy(new Error("SMTP サーバーの応答がありません（時間切れ）")),
    TIMEOUT_MS,
  );
  try {
    const reader = new ReplyReader(socket);
    await reader.command(null, [220]);
    let features = await reader.command("EHLO koe", [250]);
    if (!config.secure && /^STARTTLS$/im.test(features)) {
      await reader.command("STARTTLS", [220]);
      socket.removeAllListeners("data");
      socket.removeAllListeners("close");
      socket = tlsConnect({ socket, servername: config.host, rejectUnauthorized: config.verifyTls });
      reader.attach(socket);
      features = await reader.command("EHLO koe", [250]);
    }
    if (config.user) {
      const token = Buffer.from(`\0${config.user}\0${config.password ?? ""}`, "utf8").toString("base64");
      await reader.command(`AUTH PLAIN ${token}`, [235]);
    }
    await reader.command(`MAIL FROM:<${from}>`, [250]);
    await reader.command(`RCPT TO:<${to}>`, [250, 251]);
    await reader.command("DATA", [354]);
    // Dot-stuffing is not needed for base64 bodies, but headers are checked to never start a line with ".".
    await reader.command(`${buildMessage(from, message)}\r\n.`, [250]);
    await reader.command("QUIT", [221]).catch(() => undefined);
  } finally {
    clearTimeout(timer);
    socket.end();
  }
}

/** A Mailer from the environment, or null when KOE_SMTP_URL is unset. */
export function mailerFromEnv(env: NodeJS.ProcessEnv = process.env): Mailer | null {
  const config = parseSmtpUrl(env.KOE_SMTP_URL);
  return config ? (m) => sendMail(config, m) : null;
}
