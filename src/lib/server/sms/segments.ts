// How many SMS segments a text costs. GSM-7 texts fit 160 characters (153 per segment once split);
// one character outside GSM-7 (Chinese, Arabic, Bengali, Korean, Russian, most emoji, some accents)
// makes the whole text UCS-2: 70 characters, 67 per segment. Twilio's own calculator counts them.
import { SegmentedMessage } from 'sms-segments-calculator';

export interface Segments {
	encoding: 'GSM-7' | 'UCS-2';
	segments: number;
}

export function countSegments(text: string): Segments {
	const message = new SegmentedMessage(text, 'auto');
	return { encoding: message.encodingName as Segments['encoding'], segments: message.segmentsCount };
}
