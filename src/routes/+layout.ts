// No page hydrates (but a distribution day's door page, which must work offline): every page works as
// the server renders it, and the runtime alone would cost a neighbor more than the whole page. Busy
// buttons come from static/enhance.js (hooks/form-script.ts).
export const csr = false;
