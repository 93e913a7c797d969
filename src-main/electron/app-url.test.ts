import { describe, expect, it } from 'vitest'
import { externalUrl, isAppUrl } from './app-url'

const FILE_APP = 'file:///opt/ollmchat/resources/app.asar/out/renderer/index.html'

describe('isAppUrl', () => {
  it('accepts the app page with any hash or query', () => {
    expect(isAppUrl(FILE_APP, FILE_APP)).toBe(true)
    expect(isAppUrl(`${FILE_APP}#/models`, FILE_APP)).toBe(true)
    expect(isAppUrl(`${FILE_APP}?x=1`, FILE_APP)).toBe(true)
  })

  it.each([
    'file:///opt/ollmchat/resources/app.asar/out/renderer/other.html',
    'file:///opt/ollmchat/resources/app.asar/out/renderer/index.html.evil',
    'https://opt/ollmchat/resources/app.asar/out/renderer/index.html',
    'about:blank',
    '',
    'not a url',
    null,
    undefined,
  ])('rejects %j for a file app', (url) => {
    expect(isAppUrl(url, FILE_APP)).toBe(false)
  })

  it('compares origins for the dev server', () => {
    expect(isAppUrl('http://localhost:5173/src/index.html', 'http://localhost:5173/')).toBe(true)
    expect(isAppUrl('http://localhost:5173@evil.example/', 'http://localhost:5173/')).toBe(false)
    expect(isAppUrl('https://localhost:5173/', 'http://localhost:5173/')).toBe(false)
  })

  it('trusts nothing when the app URL itself is unusable', () => {
    expect(isAppUrl('about:blank', 'about:blank')).toBe(false)
    expect(isAppUrl('x', 'not a url')).toBe(false)
  })
})

describe('externalUrl', () => {
  it('normalises and allows http, https and mailto', () => {
    expect(externalUrl('HTTPS://Example.org/a b')).toBe('https://example.org/a%20b')
    expect(externalUrl('http://127.0.0.1:11434')).toBe('http://127.0.0.1:11434/')
    expect(externalUrl('mailto:a@example.org')).toBe('mailto:a@example.org')
  })

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'smb://host/share', 'vbscript:x', 'data:text/html,hi', 'http://', '', 'foo'])(
    'refuses %j',
    (url) => {
      expect(externalUrl(url)).toBeUndefined()
    },
  )
})
