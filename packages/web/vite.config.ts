/**
 * The UI builds into dist/ as static files the server hands out (packages/server/src/web/
 * serve-ui.ts) under a strict CSP: so nothing may end up inline. Vite's production build emits
 * only `<script src>` and `<link rel=stylesheet>`; assets are never inlined as data: URLs
 * (`assetsInlineLimit: 0`) so fonts and the like stay within `'self'`.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    target: 'es2022',
  },
  server: {
    // `npm run dev -w @faultline/web` next to `npm start`: the API stays same-origin for cookies.
    proxy: { '/api/0/': 'http://127.0.0.1:8000' },
  },
});
