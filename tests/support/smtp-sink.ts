// A real SMTP server for tests: accepts every message and keeps its recipients and decoded body.
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
	to: string[];
	subject: string;
	text: string;
}

/** Undoes quoted-printable soft line breaks and escapes, so links read whole. */
export function decodeQuotedPrintable(body: string): string {
	return body
		.replace(/=\r?\n/g, '')
		.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export function parseMessage(raw: string, to: string[]): ReceivedMail {
	const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
	const subject = /^Subject: (.*)$/im.exec(head)?.[1]?.trim() ?? '';
	const quoted = /Content-Transfer-Encoding: quoted-printable/i.test(head);
	const body = rest.join('\n\n');
	return { to, subject, text: quoted ? decodeQuotedPrintable(body) : body };
}

export interface SinkOptions {
	/** Holds each message this long before accepting it, like a slow relay. */
	delayMs?: number;
}

export async function startSmtpSink(
	port: number,
	onMail: (mail: ReceivedMail) => void = () => {},
	{ delayMs = 0 }: SinkOptions = {}
) {
	const received: ReceivedMail[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				const mail = parseMessage(
					Buffer.concat(chunks).toString('utf8'),
					session.envelope.rcptTo.map((r) => r.address)
				);
				setTimeout(() => {
					received.push(mail);
					onMail(mail);
					callback();
				}, delayMs);
			});
		}
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve());
	});
	return {
		received,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
