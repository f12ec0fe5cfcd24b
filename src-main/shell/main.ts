// The desktop shell: one window over the same engine that `mlink serve` runs.
// The only folder that imports `electron`.
import { app, BrowserWindow, dialog, ipcMain } from 'electron'
import { bundlePaths } from '../app/bundle-paths'
import { createEngine, type Engine } from '../app/compose'
import { resolveDataDir } from '../store/data-dir'
import { serveIpc } from './ipc'
import { installMenu } from './menu'
import { electronSqliteBinding } from './native-sqlite'
import { createMainWindow } from './window'

let engine: Engine | undefined
let window: BrowserWindow | undefined

async function start(): Promise<void> {
  const dataDir = resolveDataDir(undefined)
  engine = await createEngine({
    dataDir,
    shell: 'electron',
    nativeBinding: electronSqliteBinding(app.getAppPath()),
    paths: bundlePaths(import.meta.url),
    resumeRuntime: true
  })
  serveIpc(ipcMain, engine.router, engine.bus, () => window?.webContents)
  installMenu(dataDir)
  window = createMainWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) window = createMainWindow()
  })
}

if (!app.requestSingleInstanceLock()) app.quit()
app.on('second-instance', () => window?.focus())
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
// Model processes must be stopped before the app goes, or they would outlive it.
let closing = false
app.on('will-quit', (event) => {
  if (!engine || closing) return
  closing = true
  event.preventDefault()
  void engine.close().finally(() => app.quit())
})
app.whenReady().then(start).catch((err: unknown) => {
  dialog.showErrorBox('MLink Console could not start', err instanceof Error ? err.message : String(err))
  app.exit(1)
})
