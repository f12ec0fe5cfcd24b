import type { Camera, CameraState } from '../../src-main/api/contract'
import type { Engine } from '../../src-main/app/compose'
import { nextEvent } from './engine'

/** Resolves with the camera's next published view that satisfies `accept` (events, no polling). */
export function cameraUntil(engine: Engine, cameraId: string, accept: (camera: Camera) => boolean): Promise<Camera> {
  return nextEvent(engine, 'cameras.changed', (camera) => camera.id === cameraId && accept(camera))
}

export const inState = (state: CameraState) => (camera: Camera) => camera.health.state === state
