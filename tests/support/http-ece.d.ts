// http_ece ships no types; only what the fake push service uses.
declare module 'http_ece' {
	import type { ECDH } from 'node:crypto';
	interface Params {
		version?: 'aes128gcm' | 'aesgcm' | 'aesgcm128';
		privateKey?: ECDH;
		authSecret?: string;
		dh?: string;
		key?: string;
		salt?: string;
	}
	const ece: {
		decrypt(buffer: Buffer, params: Params): Buffer;
		encrypt(buffer: Buffer, params: Params): Buffer;
	};
	export default ece;
}
