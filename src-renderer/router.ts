import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'
import CamerasView from './views/CamerasView.vue'
import DashboardView from './views/DashboardView.vue'
import LinksView from './views/LinksView.vue'
import ModelsView from './views/ModelsView.vue'
import RunsCompareView from './views/RunsCompareView.vue'
import RunsView from './views/RunsView.vue'
import RunView from './views/RunView.vue'

/** The console's pages, in navigation order. */
export const pages: (RouteRecordRaw & { name: string; meta: { title: string } })[] = [
  { path: '/', name: 'dashboard', component: DashboardView, meta: { title: 'Dashboard' } },
  { path: '/cameras', name: 'cameras', component: CamerasView, meta: { title: 'Cameras' } },
  { path: '/models', name: 'models', component: ModelsView, meta: { title: 'Models' } },
  { path: '/links', name: 'links', component: LinksView, meta: { title: 'Links' } },
  { path: '/runs', name: 'runs', component: RunsView, meta: { title: 'Runs' } }
]

/** Pages reached from others (not in the navigation). */
const inner: RouteRecordRaw[] = [
  { path: '/runs/compare/:a/:b', name: 'runs-compare', component: RunsCompareView, meta: { title: 'Compare runs' } },
  { path: '/runs/:id', name: 'run', component: RunView, meta: { title: 'Run' } }
]

// Hash history: the same URLs work from a file:// page in Electron and from `mlink serve`.
export function createConsoleRouter() {
  return createRouter({ history: createWebHashHistory(), routes: [...pages, ...inner] })
}
