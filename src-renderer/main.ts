import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { connectFromPage } from './api/client'
import { createConsoleRouter } from './router'
import { apiKey } from './stores/api'
import './styles/base.css'

const app = createApp(App)
app.provide(apiKey, connectFromPage())
app.use(createPinia())
app.use(createConsoleRouter())
app.mount('#app')
