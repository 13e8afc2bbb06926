// Ambient declarations of the build: stylesheets imported for their side effect, and the
// version Vite writes in (vite.config.ts `define`).
declare module '*.css';
declare const __PETREL_VERSION__: string;
