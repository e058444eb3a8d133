/**
 * Sending koe's mails through nodemailer (receipts of the public form, notifications, the weekly 声の日 digest).
 * Configured by KOE_SMTP_URL, e.g. smtp://user:pass@mail.example.jp:587?from=koe@example.jp (smtps:// for port 465);
 * STARTTLS is used when the server offers it. Subjects and bodies go out as UTF-8 (RFC 2047 encoded words), which
 * Japanese mail clients read.
 */
import nodemailer from "nodemailer";

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

function assertAddress(address: string): string {
  if (!/^[^\s<>@,;"]+@[^\s<>@,;"]+$/.test(address))
    throw new Error(`メールアドレスが正しくありません: ${address}`);
  return address;
}

/** One transport per configuration (nodemailer opens a connection per message unless pooled). */
export function createMailer(config: SmtpConfig): Mailer {
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    ...(config.user ? { auth: { user: config.user, pass: config.password ?? "" } } : {}),
    tls: { rejectUnauthorized: config.verifyTls, servername: config.host },
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  const from = assertAddress(config.from);
  return async (m) => {
    await transport.sendMail({
      from,
      to: assertAddress(m.to),
      // nodemailer folds a line break in a header away; strip them anyway so no header can be added.
      subject: m.subject.replace(/[\r\n]+/g, " "),
      text: m.text,
      textEncoding: "base64",
    });
  };
}

export async function sendMail(config: SmtpConfig, message: MailMessage): Promise<void> {
  await createMailer(config)(message);
}

/** A Mailer from the environment, or null when KOE_SMTP_URL is unset. */
export function mailerFromEnv(env: NodeJS.ProcessEnv = process.env): Mailer | null {
  const config = parseSmtpUrl(env.KOE_SMTP_URL);
  return config ? createMailer(config) : null;
}
