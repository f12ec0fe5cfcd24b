import type { Camera, CameraState } from '../../src-main/api/contract'
import type { Engine } from '../../src-main/app/compose'

/** Resolves with the camera's next published view that satisfies `accept` (events, no polling). */
export function cameraUntil(engine: Engine, cameraId: string, accept: (camera: Camera) => boolean): Promise<Camera> {
  return new Promise((resolve) => {
    const off = engine.bus.subscribe('cameras.changed', (camera) => {
      if (camera.id === cameraId && accept(camera)) {
        off()
        resolve(camera)
      }
    })
  })
}

export const inState = (state: CameraState) => (camera: Camera) => camera.health.state === state
