import { createEngine, type Engine, type EngineOptions } from '../../src-main/app/compose'
import { makeTempDir } from './temp-dir'
import { BUILT_PATHS } from './built'

/** A real engine over a real SQLite file in a fresh temp dir. */
export async function startTestEngine(options: Partial<EngineOptions> = {}): Promise<{ engine: Engine; dataDir: string; stop: () => Promise<void> }> {
  const dir = makeTempDir()
  const engine = await createEngine({ dataDir: dir.path, shell: 'headless', paths: BUILT_PATHS, ...options })
  return {
    engine,
    dataDir: dir.path,
    async stop() {
      await engine.close()
      dir.remove()
    }
  }
}
