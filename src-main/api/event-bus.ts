// Typed publish/subscribe for engine events. Transports subscribe to everything and forward.
import type { EventName, PayloadOf } from './contract'

export type AnyEventHandler = (topic: EventName, payload: unknown) => void

export class EventBus {
  private readonly handlers = new Set<AnyEventHandler>()

  publish<E extends EventName>(topic: E, payload: PayloadOf<E>): void {
    for (const handler of this.handlers) {
      try {
        handler(topic, payload)
      } catch {
        // One broken subscriber must not stop delivery to the others.
      }
    }
  }

  /** Subscribes to every topic; returns the unsubscribe function. */
  subscribeAll(handler: AnyEventHandler): () => void {
    this.handlers.add(handler)
    return () => this.handlers.delete(handler)
  }

  subscribe<E extends EventName>(topic: E, handler: (payload: PayloadOf<E>) => void): () => void {
    return this.subscribeAll((t, payload) => {
      if (t === topic) handler(payload as PayloadOf<E>)
    })
  }
}
