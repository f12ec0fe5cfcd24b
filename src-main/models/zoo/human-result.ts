// The parts of @vladmandic/human's detect() result the zoo reads (boxes are [x, y, w, h];
// boxRaw is the same box normalised to the frame).
export interface HumanBox {
  score: number
  box: [number, number, number, number]
  boxRaw: [number, number, number, number]
}

export interface HumanFace extends HumanBox {
  age?: number
  gender?: 'male' | 'female' | 'unknown'
  genderScore?: number
  emotion?: { score: number; emotion: string }[]
}

export interface HumanObject extends HumanBox {
  label: string
}

export interface HumanResult {
  face: HumanFace[]
  body: HumanBox[]
  hand: HumanBox[]
  object: HumanObject[]
}
