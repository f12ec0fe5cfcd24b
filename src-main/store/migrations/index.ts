import type { Migration } from '../migrate'
import { initial } from './0001-initial'

/** Every migration, numbered; append new ones, never edit an applied one. */
export const migrations: readonly Migration[] = [initial]
