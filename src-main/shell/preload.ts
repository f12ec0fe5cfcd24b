// The one narrow bridge the page gets (sandboxed, context-isolated, bundled as CommonJS):
// invoke(method, params) and subscribe(topic, handler). Nothing else of Electron or Node.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { EVENT_CHANNEL, INVOKE_CHANNEL, type IpcReply } from './channels'

const bridge = {
  invoke: (method: string, params: unknown): Promise<IpcReply> =>
    ipcRenderer.invoke(INVOKE_CHANNEL, method, params) as Promise<IpcReply>,
  subscribe(topic: string, handler: (payload: unknown) => void): () => void {
    const listener = (_e: IpcRendererEvent, t: string, payload: unknown): void => {
      if (t === topic) handler(payload)
    }
    ipcRenderer.on(EVENT_CHANNEL, listener)
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, listener)
    }
  }
}

export type MlinkBridge = typeof bridge

contextBridge.exposeInMainWorld('mlink', bridge)
