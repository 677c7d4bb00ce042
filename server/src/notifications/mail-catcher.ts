import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  id: number;
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
}

export interface MailCatcher {
  port: number;
  url: string;
  list(to?: string): CaughtMail[];
  close(): Promise<void>;
}

/**
 * A real SMTP server on the loopback that keeps the last mails in memory, for development
 * and tests: the platform sends through SMTP exactly as in production, and /dev/courriels shows what arrived.
 */
export async function startMailCatcher(port: number, keep = 500): Promise<MailCatcher> {
  const mails: CaughtMail[] = [];
  let nextId = 1;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          mails.push({
            id: nextId++,
            receivedAt: new Date().toISOString(),
            from: parsed.from?.text ?? session.envelope.mailFrom?.toString() ?? '',
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : null,
          });
          if (mails.length > keep) mails.shift();
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    port: actualPort,
    url: `smtp://127.0.0.1:${actualPort}`,
    list: (to) => (to ? mails.filter((m) => m.to.includes(to.toLowerCase())) : [...mails]).reverse(),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
