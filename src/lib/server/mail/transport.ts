import type { Transporter } from 'nodemailer';
import type { Mail } from './outbox.ts';
import { logLine } from '../log.ts';

export interface Transport {
	send(mail: Mail & { from: string }): Promise<void>;
	close(): void;
}

const LINK = /https?:\/\/[^\s<>"')]+/g;

/**
 * No SMTP configured (a fresh machine): each message becomes one log line with its recipient and every
 * link in it, so a newcomer can follow a sign-in link from the terminal.
 */
export function logTransport(log: (line: string) => void = logLine): Transport {
	return {
		async send(mail) {
			// A sentence's closing period is not part of its link.
			const links = (mail.text.match(LINK) ?? []).map((link) => link.replace(/[.,;:!?]+$/, ''));
			log(`[mail] to=${mail.to} subject="${mail.subject}" links=${links.join(' ') || '(none)'}`);
		},
		close() {}
	};
}

export function smtpTransport(smtpUrl: string): Transport {
	// nodemailer loads with the first mail rather than with every start of the app.
	let transporter: Promise<Transporter> | undefined;
	return {
		async send(mail) {
			transporter ??= import('nodemailer').then(({ default: nodemailer }) =>
				nodemailer.createTransport(smtpUrl)
			);
			const smtp = await transporter;
			await smtp.sendMail({ from: mail.from, to: mail.to, subject: mail.subject, text: mail.text });
		},
		close() {
			void transporter?.then((smtp) => smtp.close());
		}
	};
}
