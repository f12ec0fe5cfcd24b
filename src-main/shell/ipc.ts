// Electron IPC transport: the same router as `mlink serve`, one request channel, one event channel.
// Takes Electron objects by their types only, so it also runs under test without the binary.
import type { IpcMain, WebContents } from 'electron'
import { ApiError } from '../api/errors'
import type { EventBus } from '../api/event-bus'
import type { Router } from '../api/router'
import { EVENT_CHANNEL, INVOKE_CHANNEL, type IpcReply } from './channels'

export function serveIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  router: Router,
  bus: EventBus,
  target: () => Pick<WebContents, 'send' | 'isDestroyed'> | undefined
): () => void {
  ipcMain.handle(INVOKE_CHANNEL, async (_event, method: unknown, params: unknown): Promise<IpcReply> => {
    try {
      return { ok: true, result: await router.call(String(method), params) }
    } catch (err) {
      const error = err instanceof ApiError ? err : new ApiError('internal', String(err))
      return { ok: false, error: error.toShape() }
    }
  })
  const unsubscribe = bus.subscribeAll((topic, payload) => {
    const contents = target()
    if (contents && !contents.isDestroyed()) contents.send(EVENT_CHANNEL, topic, payload)
  })
  return () => {
    unsubscribe()
    ipcMain.removeHandler(INVOKE_CHANNEL)
  }
}
