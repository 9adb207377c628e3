import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The SPA builds into dist/public, which `ordinal serve` serves. Heavy editors and charts
// (monaco, recharts) are imported lazily by the features that need them, so they never land
// in the first route's chunks (bench row "first-route JS").
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist/public',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/clusters': 'http://127.0.0.1:8080',
      '/ws': { target: 'ws://127.0.0.1:8080', ws: true },
    },
  },
});
