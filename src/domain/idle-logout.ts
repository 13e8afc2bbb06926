// The seed's idle logout: 30 minutes without activity end a session. The server refuses a
// session idle that long; the web app signs out after as long without a click or a key.

export const IDLE_MS = 30 * 60_000;
