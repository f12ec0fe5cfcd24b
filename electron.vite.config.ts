import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'

// Three builds: the engine (Electron shell entry, the plain-Node CLI, the model worker and the
// link trainer processes share one bundle graph),
// the sandboxed preload (must be CommonJS), and the Vue renderer served by both shells.
export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        input: {
          index: resolve('src-main/shell/main.ts'),
          cli: resolve('src-main/cli/main.ts'),
          worker: resolve('src-main/models/worker/main.ts'),
          trainer: resolve('src-main/links/trainer-main.ts')
        }
      }
    }
  },
  preload: {
    build: {
      rolldownOptions: {
        input: { index: resolve('src-main/shell/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: 'src-renderer',
    build: {
      rolldownOptions: { input: { index: resolve('src-renderer/index.html') } }
    },
    plugins: [vue()]
  }
})
