declare module 'virtual:learn-content' {
	const pages: Record<string, Record<string, import('./render.ts').LearnPage>>;
	export default pages;
}
