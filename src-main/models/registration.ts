// Turns a user's registration into a model definition, checking up front what can be checked
// without running anything: a clear error now beats a failed load later.
import { createHash } from 'node:crypto'
import { accessSync, constants, existsSync, statSync } from 'node:fs'
import { delimiter, isAbsolute, join, resolve } from 'node:path'
import type { RegisterModel } from '../api/contract'
import { ApiError } from '../api/errors'
import type { ModelDefinition } from './definition'

export function definitionFromRegistration(r: RegisterModel): ModelDefinition {
  const common = { id: r.id, name: r.name, description: r.description ?? '', spec: r.spec }
  switch (r.source) {
    case 'tfjs': {
      const folder = resolve(r.folder)
      const modelJson = join(folder, 'model.json')
      if (!existsSync(modelJson)) throw invalid(`No model.json in ${folder}: point 'folder' at a TF.js model folder (model.json + weight files).`, 'folder')
      if (r.spec.kind !== 'vector') throw invalid('A TF.js folder model gives a vector: declare a vector output spec.', 'spec')
      const stat = statSync(modelJson)
      const version = createHash('sha1').update(`${modelJson}:${stat.size}:${stat.mtimeMs}`).digest('hex').slice(0, 12)
      return { ...common, source: 'tfjs', folder, format: r.format, input: r.input, postprocess: r.postprocess ?? 'none', version }
    }
    case 'command': {
      const command = findExecutable(r.command)
      if (!command) throw invalid(`'${r.command}' is not an executable file here (nor on PATH): give its full path.`, 'command')
      return { ...common, source: 'command', command, args: r.args ?? [], version: '1' }
    }
    case 'remote':
      return { ...common, source: 'remote', url: r.url.endsWith('/') ? r.url : `${r.url}/`, remoteModel: r.remoteModel, version: '1' }
  }
}

function findExecutable(command: string): string | undefined {
  const candidates = isAbsolute(command) || command.includes('/') ? [resolve(command)] : (process.env.PATH ?? '').split(delimiter).map((d) => join(d, command))
  return candidates.find((c) => {
    try {
      accessSync(c, constants.X_OK)
      return statSync(c).isFile()
    } catch {
      return false
    }
  })
}

function invalid(message: string, field: string): ApiError {
  return new ApiError('invalid_params', message, { issues: [{ path: field, message }] })
}
