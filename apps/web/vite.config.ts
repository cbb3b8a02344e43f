import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiTarget = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/trpc': { target: apiTarget, ws: true },
      '/api': { target: apiTarget },
    },
  },
});
