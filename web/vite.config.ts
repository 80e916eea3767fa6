/// <reference types="vitest/config" />
// Development: `npm run dev` serves the app on ACTORS_WEB_PORT (default 5173) and passes the API (gRPC-Web), the
// development sign-in and health to the gateway at ACTORS_GATEWAY_URL (default http://127.0.0.1:5081), so the
// browser sees one origin, as it does in production where the gateway serves the built files itself.
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

const gateway = process.env.ACTORS_GATEWAY_URL ?? "http://127.0.0.1:5081";
const toGateway = { target: gateway, changeOrigin: false, ws: false };

export default defineConfig({
  plugins: [react()],
  server: {
    host: "127.0.0.1",
    port: Number(process.env.ACTORS_WEB_PORT ?? 5173),
    strictPort: true,
    proxy: {
      "^/actors\\.v1\\.": toGateway,
      "/dev/": toGateway,
      "/health/": toGateway,
    },
  },
  build: {
    outDir: "dist",
    sourcemap: true,
    // One chunk is fine at this size; the budget is the 2 s first page on the local run.
    chunkSizeWarningLimit: 800,
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
