import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';

// `npm run dev` serves the console on :5173 and forwards API calls to a running cove
// (COVE_URL, default http://127.0.0.1:8080), so the refresh cookie stays same-origin.
const target = process.env.COVE_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [
    vue(),
    // Element Plus components (and only their CSS) are imported where templates use them.
    Components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dts: 'components.d.ts' }),
  ],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: {
    proxy: {
      '/api': { target, changeOrigin: false },
      '/runtime': { target, changeOrigin: false },
    },
  },
  build: {
    target: 'es2020',
  },
  test: {
    environment: 'node',
    include: ['tests/**/*.test.ts'],
    // Element Plus imports its CSS from JS: let Vite handle it instead of Node.
    server: { deps: { inline: ['element-plus'] } },
  },
});
