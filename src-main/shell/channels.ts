// The two IPC channels between the window and the engine: one for calls, one for events.
export const INVOKE_CHANNEL = 'mlink:invoke'
export const EVENT_CHANNEL = 'mlink:event'

/** What a call over IPC resolves to: errors travel as data so their shape survives IPC. */
export type IpcReply = { ok: true; result: unknown } | { ok: false; error: import('../api/errors').ErrorShape }
