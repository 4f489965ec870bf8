// The web application's build: plain TypeScript modules; MapLibre GL and Cytoscape are loaded only by the
// pages that draw a map, so the first page paints before they arrive. Everything is served by `nrs serve`
// from dist/ — no external tiles, fonts or scripts.
import { defineConfig } from "vite";

export default defineConfig({
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2020",
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    reportCompressedSize: false,
  },
  server: {
    proxy: { "/api": "http://127.0.0.1:8080" },
  },
});
