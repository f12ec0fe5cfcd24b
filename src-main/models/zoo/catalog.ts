// The built-in smart-building zoo: eight different networks with real weights from
// @vladmandic/human(-models), each turned into a standard output. Thresholds were measured on
// the sample footage (see README): lower ones count seated people, higher ones avoid false objects.
import type { ZooDefinition } from '../definition'
import type { ModelOutput } from '../output-spec'
import type { HumanBox, HumanFace, HumanResult } from './human-result'

/** COCO classes a building camera sees indoors, reported as present/absent by the objects model. */
export const INDOOR_CLASSES = ['chair', 'couch', 'dining table', 'tv', 'laptop', 'keyboard', 'cell phone', 'book', 'cup', 'bottle', 'backpack', 'handbag', 'potted plant']

export const COCO_LABELS = [
  'person', 'bicycle', 'car', 'motorcycle', 'airplane', 'bus', 'train', 'truck', 'boat', 'traffic light', 'fire hydrant',
  'stop sign', 'parking meter', 'bench', 'bird', 'cat', 'dog', 'horse', 'sheep', 'cow', 'elephant', 'bear', 'zebra',
  'giraffe', 'backpack', 'umbrella', 'handbag', 'tie', 'suitcase', 'frisbee', 'skis', 'snowboard', 'sports ball', 'kite',
  'baseball bat', 'baseball glove', 'skateboard', 'surfboard', 'tennis racket', 'bottle', 'wine glass', 'cup', 'fork',
  'knife', 'spoon', 'bowl', 'banana', 'apple', 'sandwich', 'orange', 'broccoli', 'carrot', 'hot dog', 'pizza', 'donut',
  'cake', 'chair', 'couch', 'potted plant', 'bed', 'dining table', 'toilet', 'tv', 'laptop', 'mouse', 'remote',
  'keyboard', 'cell phone', 'microwave', 'oven', 'toaster', 'sink', 'refrigerator', 'book', 'clock', 'vase', 'scissors',
  'teddy bear', 'hair drier', 'toothbrush'
]

export const EMOTIONS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral']

/** Detections below this score are not counted as present objects (centernet and nanodet). */
export const OBJECT_MIN_SCORE = 0.3
const MAX_SEQUENCE = 10

export interface ZooModel {
  definition: ZooDefinition
  /** The @vladmandic/human config that enables exactly this model's networks. */
  humanConfig: Record<string, unknown>
  toOutput(result: HumanResult): { output: ModelOutput; raw: unknown }
}

const FACE_OFF = {
  mesh: { enabled: false }, attention: { enabled: false }, iris: { enabled: false }, description: { enabled: false },
  emotion: { enabled: false }, antispoof: { enabled: false }, liveness: { enabled: false }, gear: { enabled: false },
  ssrnet: { enabled: false }
}
const faceDetector = { modelPath: 'blazeface.json', rotation: false, maxDetected: 10, minConfidence: 0.3, return: false }
const ssrnet = { enabled: true, modelPathAge: 'age.json', modelPathGender: 'gender.json' }

function faceConfig(extra: Record<string, unknown>): Record<string, unknown> {
  return { face: { enabled: true, detector: faceDetector, ...FACE_OFF, ...extra } }
}

function largest<T extends HumanBox>(items: T[]): T | undefined {
  return items.reduce<T | undefined>((best, x) => (!best || area(x) > area(best) ? x : best), undefined)
}

const area = (b: HumanBox): number => b.boxRaw[2] * b.boxRaw[3]
const round = (x: number): number => Math.round(x * 1e4) / 1e4
const box = (b: HumanBox): number[] => b.boxRaw.map(round)
const boxes = (items: HumanBox[]): { score: number; box: number[] }[] => items.map((b) => ({ score: round(b.score), box: box(b) }))
const vector = (values: number[]): ModelOutput => ({ kind: 'vector', values })

function faceRaw(face: HumanFace | undefined): unknown {
  if (!face) return { face: null }
  return { face: { score: round(face.score), box: box(face), age: face.age, gender: face.gender, genderScore: face.genderScore, emotion: face.emotion } }
}

const VERSION = 'human-3.3.6'

function define(d: Omit<ZooDefinition, 'source' | 'version' | 'zooId'>, rest: Omit<ZooModel, 'definition'>, revision = 1): ZooModel {
  return { definition: { ...d, source: 'zoo', zooId: d.id, version: `${VERSION}/${d.id}@${revision}` }, ...rest }
}

export const zoo: ZooModel[] = [
  define(
    { id: 'person-pose', name: 'Person count (pose)', description: 'MoveNet multi-pose: how many people are in view.', spec: { kind: 'vector', parts: [{ name: 'persons', task: 'counting', max: 6 }] } },
    {
      humanConfig: { body: { enabled: true, modelPath: 'movenet-multipose.json', maxDetected: 6, minConfidence: 0.2 } },
      toOutput: (r) => ({ output: vector([r.body.length]), raw: { bodies: boxes(r.body) } })
    }
  ),
  define(
    {
      id: 'objects',
      name: 'Objects',
      description: 'CenterNet (COCO): person count and which indoor objects are present.',
      spec: { kind: 'vector', parts: [{ name: 'persons', task: 'counting', max: 20 }, { name: 'present', task: 'multi-label', labels: INDOOR_CLASSES }] }
    },
    {
      humanConfig: { object: { enabled: true, modelPath: 'centernet.json', minConfidence: 0.2, iouThreshold: 0.4, maxDetected: 30 } },
      toOutput: (r) => {
        const seen = r.object.filter((o) => o.score >= OBJECT_MIN_SCORE)
        const persons = Math.min(20, seen.filter((o) => o.label === 'person').length)
        const present = INDOOR_CLASSES.map((c) => (seen.some((o) => o.label === c) ? 1 : 0))
        return { output: vector([persons, ...present]), raw: { objects: seen.map((o) => ({ label: o.label, score: round(o.score), box: box(o) })) } }
      }
    }
  ),
  define(
    {
      id: 'faces',
      name: 'Faces',
      description: 'BlazeFace: how many faces, and where the largest one is.',
      spec: { kind: 'vector', parts: [{ name: 'faces', task: 'counting', max: 10 }, { name: 'largest', task: 'localization' }] }
    },
    {
      humanConfig: faceConfig({}),
      toOutput: (r) => {
        const face = largest(r.face)
        return { output: vector([r.face.length, ...(face ? box(face) : [0, 0, 0, 0])]), raw: { faces: boxes(r.face) } }
      }
    }
  ),
  define(
    {
      id: 'face-gender',
      name: 'Gender (largest face)',
      description: 'SSR-Net gender of the largest face found by BlazeFace; "none" without a face.',
      spec: { kind: 'vector', parts: [{ name: 'gender', task: 'single-label', labels: ['none', 'female', 'male'] }] }
    },
    {
      humanConfig: faceConfig({ ssrnet }),
      toOutput: (r) => {
        const face = largest(r.face)
        if (!face) return { output: vector([1, 0, 0]), raw: faceRaw(face) }
        const s = face.genderScore ?? 0.5
        const male = face.gender === 'male' ? s : face.gender === 'female' ? 1 - s : 0.5
        return { output: vector([0, round(1 - male), round(male)]), raw: faceRaw(face) }
      }
    }
  ),
  define(
    {
      id: 'face-age',
      name: 'Age (largest face)',
      description: 'SSR-Net age of the largest face found by BlazeFace; 0 without a face.',
      spec: { kind: 'vector', parts: [{ name: 'face', task: 'single-label', labels: ['none', 'present'] }, { name: 'age', task: 'regression', min: 0, max: 100, unit: 'years' }] }
    },
    {
      humanConfig: faceConfig({ ssrnet }),
      toOutput: (r) => {
        const face = largest(r.face)
        const age = face ? Math.min(100, Math.max(0, face.age ?? 0)) : 0
        return { output: vector(face ? [0, 1, round(age)] : [1, 0, 0]), raw: faceRaw(face) }
      }
    }
  ),
  define(
    {
      id: 'face-emotion',
      name: 'Emotion (largest face)',
      description: 'Emotion network over the largest BlazeFace face: seven emotions, or "none" without a face.',
      spec: { kind: 'vector', parts: [{ name: 'emotion', task: 'single-label', labels: ['none', ...EMOTIONS] }] }
    },
    {
      humanConfig: faceConfig({ emotion: { enabled: true, modelPath: 'emotion.json', minConfidence: 0.01 } }),
      toOutput: (r) => {
        const face = largest(r.face)
        const scores = EMOTIONS.map((e) => face?.emotion?.find((x) => x.emotion === e)?.score ?? 0)
        const total = scores.reduce((a, b) => a + b, 0)
        if (!face || total <= 0) return { output: vector([1, ...EMOTIONS.map(() => 0)]), raw: faceRaw(face) }
        return { output: vector([0, ...scores.map((s) => round(s / total))]), raw: faceRaw(face) }
      }
    }
  ),
  define(
    { id: 'hands', name: 'Hand count', description: 'HandTrack with landmarks: how many hands are in view.', spec: { kind: 'vector', parts: [{ name: 'hands', task: 'counting', max: 10 }] } },
    {
      humanConfig: { hand: { enabled: true, landmarks: true, minConfidence: 0.5, maxDetected: 10, detector: { modelPath: 'handtrack.json' }, skeleton: { modelPath: 'handlandmark-lite.json' } } },
      toOutput: (r) => ({ output: vector([Math.min(10, r.hand.length)]), raw: { hands: boxes(r.hand) } })
    }
  ),
  define(
    {
      id: 'object-sequence',
      name: 'Objects left to right',
      description: 'NanoDet (COCO): the labels of detected objects, ordered left to right — a variable-length sequence.',
      spec: { kind: 'sequence', task: 'sequence', vocabulary: COCO_LABELS, maxLength: MAX_SEQUENCE }
    },
    {
      humanConfig: { object: { enabled: true, modelPath: 'nanodet.json', minConfidence: 0.2, iouThreshold: 0.4, maxDetected: 30 } },
      toOutput: (r) => {
        const seen = r.object
          .filter((o) => o.score >= OBJECT_MIN_SCORE && COCO_LABELS.includes(o.label))
          .sort((a, b) => a.boxRaw[0] + a.boxRaw[2] / 2 - (b.boxRaw[0] + b.boxRaw[2] / 2))
          .slice(0, MAX_SEQUENCE)
        return { output: { kind: 'sequence', tokens: seen.map((o) => o.label) }, raw: { objects: seen.map((o) => ({ label: o.label, score: round(o.score), box: box(o) })) } }
      }
    }
  )
]

export function zooModel(id: string): ZooModel | undefined {
  return zoo.find((m) => m.definition.id === id)
}
