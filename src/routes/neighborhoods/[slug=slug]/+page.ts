// Nothing here needs JavaScript; without hydration the map's paths are not sent twice.
export const csr = false;
