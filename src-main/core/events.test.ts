import { describe, expect, it } from 'vitest'
import { createCoreEvents } from './events'
import { createMemoryLogger } from './log'

describe('createCoreEvents', () => {
  it('delivers to named and catch-all listeners until they unsubscribe', () => {
    const events = createCoreEvents(createMemoryLogger())
    const themes: string[] = []
    const names: string[] = []
    const off = events.on('settings:theme', ({ theme }) => themes.push(theme))
    events.onAny((name) => names.push(name))
    events.emit('settings:theme', { theme: 'dark' })
    off()
    events.emit('settings:theme', { theme: 'light' })
    expect(themes).toEqual(['dark'])
    expect(names).toEqual(['settings:theme', 'settings:theme'])
  })

  it('logs a throwing listener and still calls every other one, without throwing from emit', () => {
    const log = createMemoryLogger()
    const events = createCoreEvents(log)
    const reached: string[] = []
    events.on('settings:theme', () => {
      throw new Error('listener broke')
    })
    events.on('settings:theme', () => reached.push('named'))
    events.onAny(() => {
      throw new Error('window gone')
    })
    events.onAny(() => reached.push('any'))
    expect(() => events.emit('settings:theme', { theme: 'dark' })).not.toThrow()
    expect(reached).toEqual(['named', 'any'])
    expect(log.lines).toEqual([
      {
        level: 'error',
        message: 'an event listener failed',
        fields: { event: 'settings:theme', error: 'listener broke' },
      },
      {
        level: 'error',
        message: 'an event listener failed',
        fields: { event: 'settings:theme', error: 'window gone' },
      },
    ])
  })
})
