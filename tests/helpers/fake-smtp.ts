/** A tiny in-process SMTP server for tests: records each message; can refuse recipients. No TLS. */
import { createServer, type Server } from "node:net";

export interface ReceivedMail {
  from: string;
  to: string[];
  auth: string | null;
  data: string;
  /** the decoded text/plain body (base64) and subject (RFC 2047) */
  subject: string;
  text: string;
}

export interface FakeSmtp {
  url: (query?: string, user?: string) => string;
  mails: ReceivedMail[];
  close(): Promise<void>;
}

function decodeSubject(v: string): string {
  const m = /^=\?UTF-8\?B\?(.*)\?=$/.exec(v);
  return m ? Buffer.from(m[1] ?? "", "base64").toString("utf8") : v;
}

export async function startFakeSmtp(opts: { refuseRecipient?: boolean } = {}): Promise<FakeSmtp> {
  const mails: ReceivedMail[] = [];
  const server: Server = createServer((socket) => {
    socket.setEncoding("utf8");
    let buffer = "";
    let inData = false;
    let current: { from: string; to: string[]; auth: string | null; lines: string[] } = {
      from: "",
      to: [],
      auth: null,
      lines: [],
    };
    const reply = (s: string) => socket.write(`${s}\r\n`);
    reply("220 fake.smtp ESMTP");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      for (let i = buffer.indexOf("\r\n"); i >= 0; i = buffer.indexOf("\r\n")) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (inData) {
          if (line === ".") {
            inData = false;
            const data = current.lines.join("\r\n");
            const [head = "", body = ""] = data.split("\r\n\r\n");
            const subject = /^Subject: (.*)$/m.exec(head)?.[1] ?? "";
            mails.push({
              from: current.from,
              to: current.to,
              auth: current.auth,
              data,
              subject: decodeSubject(subject),
              text: Buffer.from(body.replace(/\r\n/g, ""), "base64").toString("utf8"),
            });
            current = { from: "", to: [], auth: current.auth, lines: [] };
            reply("250 OK queued");
          } else current.lines.push(line);
          continue;
        }
        const cmd = line.toUpperCase();
        if (cmd.startsWith("EHLO")) {
          socket.write("250-fake.smtp\r\n250-AUTH PLAIN\r\n250 8BITMIME\r\n");
        } else if (cmd.startsWith("AUTH PLAIN ")) {
          current.auth = Buffer.from(line.slice("AUTH PLAIN ".length), "base64").toString("utf8");
          reply("235 2.7.0 Authentication successful");
        } else if (cmd.startsWith("MAIL FROM:")) {
          current.from = line.slice(10).replace(/[<>]/g, "");
          reply("250 OK");
        } else if (cmd.startsWith("RCPT TO:")) {
          if (opts.refuseRecipient) reply("550 5.1.1 No such user");
          else {
            current.to.push(line.slice(8).replace(/[<>]/g, ""));
            reply("250 OK");
          }
        } else if (cmd === "DATA") {
          inData = true;
          reply("354 End data with <CR><LF>.<CR><LF>");
        } else if (cmd === "QUIT") {
          reply("221 Bye");
          socket.end();
        } else reply("502 Command not implemented");
      }
    });
    socket.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: (query = "from=koe@example.jp", user = "") =>
      `smtp://${user ? `${user}@` : ""}127.0.0.1:${port}${query ? `?${query}` : ""}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
