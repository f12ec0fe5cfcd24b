import { createEngine, type Engine } from '../../src-main/app/compose'
import { makeTempDir } from './temp-dir'

/** A real engine over a real SQLite file in a fresh temp dir. */
export async function startTestEngine(): Promise<{ engine: Engine; dataDir: string; stop: () => void }> {
  const dir = makeTempDir()
  const engine = await createEngine({ dataDir: dir.path, shell: 'headless' })
  return {
    engine,
    dataDir: dir.path,
    stop() {
      engine.close()
      dir.remove()
    }
  }
}
