import { expect, it } from 'vitest'
import { isLoopbackHost } from '../../../src-main/api/transports/access'

it('knows loopback names and addresses from others', () => {
  for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', 'LOCALHOST']) expect(isLoopbackHost(h)).toBe(true)
  for (const h of ['0.0.0.0', '10.0.0.5', '192.168.1.2', 'example.com', '::', '127.0.0.1.evil.com']) expect(isLoopbackHost(h)).toBe(false)
})
