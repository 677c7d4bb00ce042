import { get } from './http';

export interface CaughtMail {
  id: number;
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
}

/** The development mailbox; 404 when a real SMTP server is configured. */
export const listDevMails = (to?: string, signal?: AbortSignal) => get<CaughtMail[]>('/api/v1/dev/mails', { query: { to }, signal });
