// Spots what looks like a phone number, an email address or a street address in a post, so the poster
// can take it out before publishing: posts carry a neighborhood, never a way to find someone's door.
export type PrivacyFinding = 'phone' | 'email' | 'address';

const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;
// Ten or eleven digits with the usual separators, e.g. (718) 555-0142, 718.555.0142, +1 718 555 0142.
const PHONE = /(?:\+?1[\s.-]?)?\(?\b\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b/;
const STREET_WORDS = [
	'street',
	'st',
	'avenue',
	'ave',
	'av',
	'road',
	'rd',
	'boulevard',
	'blvd',
	'place',
	'pl',
	'lane',
	'ln',
	'drive',
	'dr',
	'court',
	'ct',
	'terrace',
	'parkway',
	'pkwy',
	'highway',
	'hwy',
	'way',
	'calle',
	'avenida'
];
// A house number, a street name, a street word: "585 Woodward Ave", "1882 Woodbine St", "136-23 Sanford Ave",
// and Spanish order "calle Knickerbocker 25" is caught by the apartment pattern or left to moderators.
const ADDRESS = new RegExp(
	`\\b\\d{1,5}(?:-\\d{1,3})?\\s+(?:[A-Za-zÀ-ÿ0-9.'-]+\\s+){1,4}(?:${STREET_WORDS.join('|')})\\b\\.?`,
	'i'
);
const APARTMENT = /\b(?:apt|apartment|apto|unit|suite)\.?\s*#?\s*\d+[a-z]?\b|#\s?\d+[a-z]?\b/i;

export function findPrivateDetails(...texts: string[]): PrivacyFinding[] {
	const text = texts.join('\n');
	const findings: PrivacyFinding[] = [];
	if (PHONE.test(text)) findings.push('phone');
	if (EMAIL.test(text)) findings.push('email');
	if (ADDRESS.test(text) || APARTMENT.test(text)) findings.push('address');
	return findings;
}
