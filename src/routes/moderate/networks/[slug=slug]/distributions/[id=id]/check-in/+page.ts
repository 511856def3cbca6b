// The one page that hydrates (the root layout turns it off everywhere else): at the door the
// connection comes and goes, and only the page's own script can keep a volunteer's changes on the
// phone and send them when it returns. Volunteers load it once per day; no neighbor pays for it.
export const csr = true;
