import type { WorkerDefinition } from '../definition'
import { zooModel } from '../zoo/catalog'
import { loadZooModel } from './human-runner'
import type { LoadedModel } from './loaded-model'
import { loadTfjsFolder } from './tfjs-folder-runner'

export async function loadWorkerModel(def: WorkerDefinition): Promise<LoadedModel> {
  if (def.source === 'tfjs') return loadTfjsFolder(def)
  const model = zooModel(def.zooId)
  if (!model) throw new Error(`'${def.zooId}' is not a zoo model`)
  return loadZooModel(model)
}
