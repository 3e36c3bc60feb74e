// A real SMTP server for tests (the smtp-server package), receiving on a free local port with
// AUTH PLAIN/LOGIN over plain TCP, plus a small MIME reader: enough to check what nodemailer put on
// the wire (headers with RFC 2047 words, quoted-printable or base64 UTF-8 bodies, one level of
// multipart). mailparser is not a dependency; this is not a general parser.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = {
  envelope: { from: string; to: string[] };
  raw: string;
  /** Lower-case names, unfolded and decoded values. */
  headers: Record<string, string>;
  text?: string;
  html?: string;
};

export class SmtpServerFake {
  readonly received: ReceivedMail[] = [];
  /** Set to refuse recipients with 550, as a server does for an unknown mailbox. */
  rejectRecipient: (address: string) => boolean = () => false;
  private readonly server: SMTPServer;
  private port = 0;

  constructor(private readonly credentials = { user: "chophien", pass: "mat-khau-smtp" }) {
    this.server = new SMTPServer({
      // No TLS in tests: without STARTTLS the package also skips its default-certificate warning.
      disabledCommands: ["STARTTLS"],
      allowInsecureAuth: true,
      authMethods: ["PLAIN", "LOGIN"],
      logger: false,
      onAuth: (auth, _session, callback) => {
        const ok = auth.username === this.credentials.user && auth.password === this.credentials.pass;
        callback(
          ok ? null : new Error("Invalid username or password"),
          ok ? { user: auth.username } : undefined,
        );
      },
      onRcptTo: (address, _session, callback) => {
        if (!this.rejectRecipient(address.address)) return callback();
        callback(Object.assign(new Error(`Mailbox unavailable: ${address.address}`), { responseCode: 550 }));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          const raw = Buffer.concat(chunks).toString("latin1");
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
          const to = session.envelope.rcptTo.map((r) => r.address);
          this.received.push({ envelope: { from, to }, raw, ...readMime(raw) });
          callback();
        });
      },
    });
  }

  get url() {
    const { user, pass } = this.credentials;
    return `smtp://${encodeURIComponent(user)}:${encodeURIComponent(pass)}@127.0.0.1:${this.port}`;
  }

  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  stop() {
    return new Promise<void>((resolve) => this.server.close(resolve));
  }
}

function splitHeaders(raw: string) {
  const end = raw.indexOf("\r\n\r\n");
  const head = end === -1 ? raw : raw.slice(0, end);
  const body = end === -1 ? "" : raw.slice(end + 4);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, " ").split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = decodeHeader(line.slice(colon + 1).trim());
  }
  return { headers, body };
}

// The raw message was read as latin1, so each char is one byte.
const bytesOf = (s: string) => Buffer.from(s, "latin1");

function quotedPrintableBytes(s: string) {
  return bytesOf(
    s
      .replace(/=\r?\n/g, "")
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
  );
}

// Adjacent encoded words are joined before decoding: a UTF-8 character may be split across two.
const encodedWord = /=\?utf-8\?([bq])\?([^?]*)\?=/gi;
function decodeHeader(value: string) {
  return value.replace(/=\?utf-8\?[bq]\?[^?]*\?=(?:\s+=\?utf-8\?[bq]\?[^?]*\?=)*/gi, (run) =>
    Buffer.concat(
      [...run.matchAll(encodedWord)].map(([, encoding, data]) =>
        encoding!.toLowerCase() === "b"
          ? Buffer.from(data!, "base64")
          : quotedPrintableBytes(data!.replace(/_/g, " ")),
      ),
    ).toString("utf8"),
  );
}

function decodeBody(body: string, transferEncoding = "7bit") {
  const encoding = transferEncoding.toLowerCase();
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") return quotedPrintableBytes(body).toString("utf8");
  return bytesOf(body).toString("utf8");
}

export function readMime(raw: string): { headers: Record<string, string>; text?: string; html?: string } {
  const { headers, body } = splitHeaders(raw);
  const contentType = headers["content-type"] ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (contentType.startsWith("multipart/") && boundary) {
    const parts = body.split(`--${boundary}`).slice(1, -1);
    const result: { text?: string; html?: string } = {};
    for (const part of parts) {
      const inner = readMime(part.replace(/^\r\n/, "").replace(/\r\n$/, ""));
      result.text ??= inner.text;
      result.html ??= inner.html;
    }
    return { headers, ...result };
  }
  const decoded = decodeBody(body, headers["content-transfer-encoding"]);
  return contentType.startsWith("text/html") ? { headers, html: decoded } : { headers, text: decoded };
}
