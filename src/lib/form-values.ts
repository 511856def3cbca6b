/** A submitted form field as the text to show again in its input: a repeated field has no one text. */
export const fieldText = (value: string | string[] | undefined) => (typeof value === 'string' ? value : '');
