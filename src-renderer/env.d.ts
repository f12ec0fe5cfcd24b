/// <reference types="vite/client" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

/** The bridge the Electron preload exposes; absent in a plain browser. */
interface MlinkBridge {
  invoke(method: string, params: unknown): Promise<{ ok: true; result: unknown } | { ok: false; error: import('../src-main/api/errors').ErrorShape }>
  subscribe(topic: string, handler: (payload: unknown) => void): () => void
}

interface Window {
  mlink?: MlinkBridge
}
