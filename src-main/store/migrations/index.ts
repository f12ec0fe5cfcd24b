import type { Migration } from '../migrate'
import { initial } from './0001-initial'
import { profilingSources } from './0002-profiling-sources'
import { linkTargets } from './0003-link-targets'
import { runtime } from './0004-runtime'
import { curvesAndFractions } from './0005-curves-fractions'
import { targetPriors } from './0006-target-priors'

/** Every migration, numbered; append new ones, never edit an applied one. */
export const migrations: readonly Migration[] = [initial, profilingSources, linkTargets, runtime, curvesAndFractions, targetPriors]
