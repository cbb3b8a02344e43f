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
  build: {
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/ },
            { name: 'data', test: /[\\/]node_modules[\\/](@tanstack|@trpc)[\\/]/ },
            { name: 'validation', test: /[\\/]node_modules[\\/](zod|libphonenumber-js)[\\/]/ },
            {
              name: 'calendar',
              test: /[\\/]node_modules[\\/](react-big-calendar|luxon|lodash|lodash-es|dayjs|date-arithmetic|dom-helpers|react-overlays|uncontrollable|@restart|@popperjs|memoize-one|clsx|invariant|prop-types|@babel[\\/]runtime)[\\/]/,
            },
          ],
        },
      },
    },
  },
});
