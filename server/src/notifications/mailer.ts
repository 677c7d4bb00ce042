import nodemailer from 'nodemailer';
import type { JobQueue } from '../queue/job-queue';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  /** Queues the mail: it is sent in the background and retried until the SMTP server takes it. */
  send(mail: OutgoingMail): Promise<void>;
  /** Queues several mails at once (one database write), where the mailer can. */
  sendMany?(mails: OutgoingMail[]): Promise<void>;
}

export function createTransport(smtpUrl: string) {
  return nodemailer.createTransport(smtpUrl);
}

export async function createQueuedMailer(queue: JobQueue, smtpUrl: string, from: string): Promise<Mailer> {
  const transport = createTransport(smtpUrl);
  await queue.work<OutgoingMail>('mail', async (mail) => {
    await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
  });
  return { send: (mail) => queue.send('mail', mail), sendMany: (mails) => queue.sendMany(mails.map((data) => ({ name: 'mail', data }))) };
}

/** Without a queue (QUEUE_ENABLED=false): sends at once, for one-off scripts. */
export function createDirectMailer(smtpUrl: string, from: string): Mailer {
  const transport = createTransport(smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
    },
  };
}
