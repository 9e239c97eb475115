import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// The tests run far from UTC (and from the developer's own zone), so code that claims not to
// depend on this computer's clock is checked against one with summer time and a negative offset.
const TEST_ZONE = "America/New_York";
if (process.env.VITEST) process.env.TZ = TEST_ZONE;

export default defineConfig({
  plugins: [svelte()],
  // Tauri serves the built files itself; nothing is fetched from anywhere at run time.
  base: "./",
  clearScreen: false,
  build: { target: "safari15", outDir: "dist", emptyOutDir: true, sourcemap: false },
  resolve: process.env.VITEST ? { conditions: ["browser"] } : undefined,
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
    setupFiles: ["src/test-setup.ts"],
    env: { TZ: TEST_ZONE },
  },
});
