// The seed's idle logout, in the browser: after IDLE_MS without a click, a key or a scroll the
// app signs out and returns to the login page saying why. While the person is active but the
// page makes no request, a light ping keeps the server's session (which counts requests) open.

import { useEffect } from 'react';
import { IDLE_MS } from '../../../../src/domain/idle-logout.ts';
import { api } from '../../lib/http.ts';

/** At most this often, activity without requests pings the server. */
const PING_EVERY_MS = 5 * 60_000;
const CHECK_EVERY_MS = 15_000;
const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

export function IdleLogout({ onIdle }: { onIdle: () => void }) {
  useEffect(() => {
    let lastActive = Date.now();
    let lastPing = Date.now();
    const active = () => {
      lastActive = Date.now();
      if (lastActive - lastPing >= PING_EVERY_MS) {
        lastPing = lastActive;
        api('GET', '/api/v1/session').catch(() => {});
      }
    };
    for (const type of ACTIVITY) window.addEventListener(type, active, { passive: true });
    const timer = window.setInterval(() => {
      if (Date.now() - lastActive >= IDLE_MS) onIdle();
    }, CHECK_EVERY_MS);
    return () => {
      for (const type of ACTIVITY) window.removeEventListener(type, active);
      window.clearInterval(timer);
    };
  }, [onIdle]);
  return null;
}
