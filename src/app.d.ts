// See https://svelte.dev/docs/kit/types#app.d.ts
import type { CurrentUser } from '$lib/server/accounts/actor';

declare global {
	namespace App {
		interface Error {
			message: string;
			/** Set when the database was out of reach: the page says to try again, the status is 503. */
			code?: 'database-unreachable';
		}
		interface Locals {
			/** Set once per request by the attach-user hook; null when signed out. */
			user: CurrentUser | null;
		}
	}
}

export {};
