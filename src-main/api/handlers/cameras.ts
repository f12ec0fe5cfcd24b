import type { CameraManager } from '../../sources/camera-manager'
import type { Handlers } from '../router'

type CameraMethods = 'cameras.probe' | 'cameras.attach' | 'cameras.detach' | 'cameras.list' | 'cameras.snapshot'

export function cameraHandlers(cameras: CameraManager): Pick<Handlers, CameraMethods> {
  return {
    'cameras.probe': (p) => cameras.probe(p),
    'cameras.attach': (p) => cameras.attach(p),
    'cameras.detach': async ({ cameraId }) => {
      await cameras.detach(cameraId)
      return { detached: cameraId }
    },
    'cameras.list': async () => ({ cameras: cameras.list() }),
    'cameras.snapshot': ({ cameraId }) => cameras.snapshot(cameraId)
  }
}
