import type { FastifyBaseLogger } from 'fastify';
import nodemailer from 'nodemailer';
import { sql } from 'kysely';
import type { Db } from '../db/database';

/** The one subject every notification e-mail has: it says nothing about any person or case. */
export const NOTIFICATION_SUBJECT = 'Ny händelse i Utväg';
const FROM_DEFAULT = 'Utväg <no-reply@utvag.invalid>';
/** Notifications older than this are not e-mailed any more (for example when e-mail is turned on later). */
const MAX_AGE_MS = 24 * 3_600_000;
const BATCH = 50;
/** How long one instance may take to send a claimed batch before another may take it up. */
const LEASE_SECONDS = 300;

export interface Mailer {
  /** Sends the fixed notification e-mail (subject and a link only) to one address. */
  sendNotice(to: string): Promise<void>;
  /** Sends a link to choose a password (`path` starts with /app/); it names nobody, only the link and its last day. */
  sendPasswordLink(to: string, purpose: 'activation' | 'reset', path: string, expiresAt: Date): Promise<void>;
  close(): void;
}

export interface MailerConfig { smtpUrl: string; publicUrl: string; from?: string }

/** E-mail is on when UTVAG_SMTP_URL is set; UTVAG_PUBLIC_URL is where the link points. */
export function mailerConfigFrom(env: NodeJS.ProcessEnv): MailerConfig | null {
  if (!env.UTVAG_SMTP_URL) return null;
  return { smtpUrl: env.UTVAG_SMTP_URL, publicUrl: env.UTVAG_PUBLIC_URL || 'http://localhost:3000', from: env.UTVAG_SMTP_FROM || undefined };
}

export function notificationLink(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/app/notifications`;
}

/** The subjects of the password e-mails: a new account, or a new password for an existing one. */
export const PASSWORD_LINK_SUBJECTS = { activation: 'Ditt konto i Utväg', reset: 'Välj ett nytt lösenord i Utväg' } as const;

const swedishDateTime = (date: Date) => date.toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'long', timeStyle: 'short' });

export function createMailer(config: MailerConfig): Mailer {
  const transport = nodemailer.createTransport(config.smtpUrl);
  const link = notificationLink(config.publicUrl);
  const origin = config.publicUrl.replace(/\/+$/, '');
  return {
    async sendNotice(to) {
      await transport.sendMail({
        from: config.from ?? FROM_DEFAULT,
        to,
        subject: NOTIFICATION_SUBJECT,
        text: `Hej!\n\nDet finns en ny händelse för dig i Utväg. Logga in för att se den:\n${link}\n\nDet här meddelandet skickas automatiskt och innehåller inga uppgifter om någon person.\n`,
      });
    },
    async sendPasswordLink(to, purpose, path, expiresAt) {
      const opening = purpose === 'activation'
        ? 'Du har fått ett konto i Utväg. Välj ditt lösenord här:'
        : 'Någon har bett om ett nytt lösenord till ditt konto i Utväg. Välj ett nytt lösenord här:';
      await transport.sendMail({
        from: config.from ?? FROM_DEFAULT,
        to,
        subject: PASSWORD_LINK_SUBJECTS[purpose],
        text: `Hej!\n\n${opening}\n${origin}${path}\n\nLänken gäller till ${swedishDateTime(expiresAt)} och kan användas en gång. `
          + 'Om du inte väntade dig det här meddelandet, kontakta systemförvaltaren i din organisation.\n',
      });
    },
    close: () => transport.close(),
  };
}

/**
 * Sends the e-mails of notifications that were committed but not yet e-mailed, and marks them sent.
 * A batch is claimed with a lease in a short transaction (SKIP LOCKED, so several instances can run
 * the job at once) and sent after the claim has committed: a slow mail server holds no locks. A failed
 * send is logged without personal data and released to be tried again next time.
 */
export async function sendPendingNotificationEmails(db: Db, mailer: Pick<Mailer, 'sendNotice'>, log: Pick<FastifyBaseLogger, 'warn'>): Promise<number> {
  const claimed = await sql<{ id: string; email: string }>`
    with picked as (
      select n.id from notifications n join users u on u.id = n.user_id
        where n.emailed_at is null and n.created_at > ${new Date(Date.now() - MAX_AGE_MS)} and u.disabled_at is null
          and (n.email_claimed_until is null or n.email_claimed_until < now())
        order by n.created_at limit ${BATCH} for update of n skip locked
    ), claimed as (
      update notifications n set email_claimed_until = now() + make_interval(secs => ${LEASE_SECONDS})
        from picked where n.id = picked.id returning n.id, n.user_id
    )
    select claimed.id, u.email from claimed join users u on u.id = claimed.user_id`.execute(db);
  const sent: string[] = [];
  const failed: string[] = [];
  for (const row of claimed.rows) {
    try {
      await mailer.sendNotice(row.email);
      sent.push(row.id);
    } catch (error) {
      failed.push(row.id);
      log.warn({ notificationId: row.id, type: (error as Error).name, code: (error as { code?: string }).code }, 'notification e-mail not sent; it will be tried again');
    }
  }
  if (sent.length > 0) await db.updateTable('notifications').set({ emailedAt: new Date(), emailClaimedUntil: null }).where('id', 'in', sent).execute();
  if (failed.length > 0) await db.updateTable('notifications').set({ emailClaimedUntil: null }).where('id', 'in', failed).execute();
  return sent.length;
}
